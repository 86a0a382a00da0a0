// Text normalisation applied to every input before anything else reads it:
// one line-end convention and one kind of space, so every later offset and
// pattern sees the same characters whatever the source produced.

// NBSP, figure/narrow spaces, en/em spaces, ideographic space, etc.
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// Zero-width characters and the BOM, which carry no text.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// C0/C1 control characters other than tab and newline.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(ODD_SPACES, " ")
    .replace(CONTROL, "")
    .replace(/[ \t]+$/gm, "");
}
