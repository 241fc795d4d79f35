import iconv from 'iconv-lite';

/** How a CSV file's bytes were read. */
export type TextEncoding = 'utf-8-bom' | 'utf-8' | 'gb18030';

/** A decoded text file and the encoding it was read in. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a CSV file: UTF-8 with a BOM, UTF-8 without one when every byte sequence is valid
 * UTF-8, else GB18030 (a superset of GBK and GB2312: what Chinese Excel and WPS write for
 * "CSV"). Valid UTF-8 is tried before GB18030 because Chinese text in GBK is almost never
 * valid UTF-8, while every byte string is "valid" GB18030.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' };
  }
}
