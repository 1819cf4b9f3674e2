/**
 * How much of a spreadsheet the import reads. Every limit is checked while the file is read
 * (bytes as they are decompressed, rows, columns and cells as they are parsed), so a file over
 * one is refused as soon as it crosses it, with the limit named, and nothing past it is held in
 * memory. A file within all of them is read in full.
 */
export interface ReadLimits {
  /** The file as uploaded (bytes). */
  bytes: number;
  /** Data rows below the header. */
  rows: number;
  /** Columns of any row: a cell further right than this is refused (an XLSX cell in column XFD…). */
  columns: number;
  /** Cells of the whole file (rows times their columns, empty ones included). */
  cells: number;
  /** Characters of one cell. */
  cellChars: number;
  /** Characters of all cells together (an XLSX can unpack to far more text than its file size). */
  chars: number;
  /** XLSX: bytes after decompression, all parts together (a zip bomb stops here). */
  decompressedBytes: number;
  /** XLSX: entries of the shared-string table. */
  sharedStrings: number;
}

export const READ_LIMITS: ReadLimits = {
  bytes: 20 * 1024 * 1024,
  rows: 200_000,
  columns: 200,
  cells: 4_000_000,
  cellChars: 20_000,
  chars: 32_000_000,
  decompressedBytes: 128 * 1024 * 1024,
  sharedStrings: 1_000_000,
};

export type ReadLimitName = keyof ReadLimits;
