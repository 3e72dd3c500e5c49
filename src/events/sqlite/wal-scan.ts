import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { BridgeError } from '../errors.js';

// The WAL layout is described in https://www.sqlite.org/fileformat2.html ("The Write-Ahead Log").
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const CHECKSUMMED_HEADER_BYTES = 24;
const MAGIC_LITTLE_ENDIAN_SUMS = 0x377f0682;
const MAGIC_BIG_ENDIAN_SUMS = 0x377f0683;
const FORMAT_VERSION = 3007000;

/** SQLite's cumulative checksum: two 32-bit sums. */
export type WalChecksum = readonly [number, number];

export interface WalReport {
  path: string;
  exists: boolean;
  sizeBytes: number;
  /** From the WAL header; null when the file has no usable header. */
  pageSize: number | null;
  /** Frames SQLite's recovery accepts: from the first, while salts and the checksum chain hold. */
  validFrames: number;
  /** The valid frames up to and including the last commit frame; the rest is uncommitted. */
  committedFrames: number;
  /**
   * Frames of the current generation after the checksum chain ends. A rolled-back or interrupted
   * transaction leaves such frames behind; they are a fault only when one of them is a commit frame.
   */
  unreachableFrames: number;
  /** Whole frames left from earlier WAL generations behind the current end (not a fault). */
  staleFrames: number;
  /**
   * Bytes of a last frame that was cut short (not a fault): an append interrupted by a crash, or a
   * stale frame cut by `PRAGMA journal_size_limit`.
   */
  truncatedTailBytes: number;
  faults: string[];
}

interface WalHeader {
  bigEndianSums: boolean;
  pageSize: number;
  salt1: number;
  salt2: number;
  /** The checksum of the header, which seeds the checksum of the first frame. */
  checksum: WalChecksum;
}

interface FrameHeader {
  pageNumber: number;
  /** The database size in pages after the commit for a commit frame, 0 for other frames. */
  commitPages: number;
  salt1: number;
  salt2: number;
  checksum: WalChecksum;
}

/**
 * Computes SQLite's WAL checksum of `bytes` (a multiple of 8 long), continuing from `seed`.
 * The words are big-endian when the WAL magic is 0x377f0683, little-endian when it is 0x377f0682.
 */
export function walChecksum(
  bytes: Uint8Array,
  bigEndian: boolean,
  seed: WalChecksum = [0, 0],
): WalChecksum {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let [sum0, sum1] = seed;
  for (let offset = 0; offset + 8 <= bytes.byteLength; offset += 8) {
    sum0 = (sum0 + view.getUint32(offset, !bigEndian) + sum1) >>> 0;
    sum1 = (sum1 + view.getUint32(offset + 4, !bigEndian) + sum0) >>> 0;
  }
  return [sum0, sum1];
}

/**
 * Reads a SQLite WAL file without SQLite and reports what recovery would keep and every byte it
 * would silently drop that a healthy database cannot explain. Recovery stops at the first invalid
 * frame, so damage or appended garbage there goes unnoticed once the database has been opened:
 * scan before opening. The database file beside it (`walPath` without `-wal`) is only measured.
 */
export function scanWal(walPath: string): WalReport {
  const report: WalReport = {
    path: walPath,
    exists: false,
    sizeBytes: 0,
    pageSize: null,
    validFrames: 0,
    committedFrames: 0,
    unreachableFrames: 0,
    staleFrames: 0,
    truncatedTailBytes: 0,
    faults: [],
  };
  const fd = openIfExists(walPath);
  if (fd === undefined) return report;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new BridgeError('wal_unreadable', `the WAL path ${walPath} is not a regular file`, {
        path: walPath,
      });
    }
    report.exists = true;
    report.sizeBytes = stat.size;
    if (stat.size > 0) scanContent(fd, walPath, report);
    return report;
  } finally {
    closeSync(fd);
  }
}

function openIfExists(path: string): number | undefined {
  try {
    return openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BridgeError(
      'wal_unreadable',
      `cannot read the WAL file ${path}: ${(error as Error).message}`,
      { path },
    );
  }
}

function readAt(fd: number, target: Buffer, length: number, position: number): void {
  if (readSync(fd, target, 0, length, position) !== length) {
    throw new BridgeError('wal_unreadable', 'the WAL file shrank while it was being scanned', {
      position,
    });
  }
}

function scanContent(fd: number, walPath: string, report: WalReport): void {
  if (report.sizeBytes < WAL_HEADER_BYTES) {
    report.faults.push(
      `the file is ${report.sizeBytes} bytes, too short for the 32-byte WAL header; SQLite ignores it`,
    );
    return;
  }
  const headerBytes = Buffer.alloc(WAL_HEADER_BYTES);
  readAt(fd, headerBytes, WAL_HEADER_BYTES, 0);
  const header = parseWalHeader(headerBytes, report.sizeBytes);
  if (typeof header === 'string') {
    report.faults.push(header);
    return;
  }
  report.pageSize = header.pageSize;
  new FrameScan(fd, header, report, databaseFilePages(walPath, header.pageSize)).run();
}

function parseWalHeader(bytes: Buffer, fileSize: number): WalHeader | string {
  const wholeWalLost = `SQLite would ignore the whole WAL (${fileSize} bytes), including any committed transactions in it`;
  const magic = bytes.readUInt32BE(0);
  if (magic !== MAGIC_LITTLE_ENDIAN_SUMS && magic !== MAGIC_BIG_ENDIAN_SUMS) {
    return `bad magic number ${hex(magic)} in the WAL header (expected ${hex(MAGIC_LITTLE_ENDIAN_SUMS)} or ${hex(MAGIC_BIG_ENDIAN_SUMS)}); ${wholeWalLost}`;
  }
  const version = bytes.readUInt32BE(4);
  if (version !== FORMAT_VERSION) {
    return `unsupported WAL format version ${version} (expected ${FORMAT_VERSION}); SQLite refuses to open the database`;
  }
  const pageSize = bytes.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return `invalid page size ${pageSize} in the WAL header (a power of two from 512 to 65536 expected); ${wholeWalLost}`;
  }
  const bigEndianSums = magic === MAGIC_BIG_ENDIAN_SUMS;
  const checksum = walChecksum(bytes.subarray(0, CHECKSUMMED_HEADER_BYTES), bigEndianSums);
  const stored: WalChecksum = [bytes.readUInt32BE(24), bytes.readUInt32BE(28)];
  if (!sameChecksum(checksum, stored)) {
    return `WAL header checksum mismatch (stored ${formatChecksum(stored)}, computed ${formatChecksum(checksum)}); ${wholeWalLost}`;
  }
  return {
    bigEndianSums,
    pageSize,
    salt1: bytes.readUInt32BE(16),
    salt2: bytes.readUInt32BE(20),
    checksum,
  };
}

function parseFrameHeader(bytes: Buffer): FrameHeader {
  return {
    pageNumber: bytes.readUInt32BE(0),
    commitPages: bytes.readUInt32BE(4),
    salt1: bytes.readUInt32BE(8),
    salt2: bytes.readUInt32BE(12),
    checksum: [bytes.readUInt32BE(16), bytes.readUInt32BE(20)],
  };
}

/** The pages in the database file, or 0 when there is none where SQLite would look. */
function databaseFilePages(walPath: string, pageSize: number): number {
  if (!walPath.endsWith('-wal')) return 0;
  const size = statSync(walPath.slice(0, -'-wal'.length), { throwIfNoEntry: false })?.size ?? 0;
  return Math.floor(size / pageSize);
}

interface StaleCandidate {
  index: number;
  frame: FrameHeader;
  /** Its checksum continues from the frame before it: it is certainly a frame SQLite wrote. */
  chained: boolean;
}

/**
 * Walks the frames in the order SQLite writes them. A healthy WAL is, from its start: the frames
 * recovery accepts; frames of the current generation beyond a checksum break, which a rolled-back
 * or interrupted transaction leaves (none of them a commit frame); whole frames of earlier
 * generations, since a WAL restarted after a checkpoint is overwritten from its start, not
 * truncated; and finally part of a frame: one whose append a crash interrupted, or a stale one
 * where `PRAGMA journal_size_limit` cut the file.
 */
class FrameScan {
  private readonly frameBytes: number;
  private readonly slots: number;
  private readonly frame: Buffer;
  /** The largest size in pages the database is known to have had: its file, or a verified commit. */
  private largestDatabase: number;

  constructor(
    private readonly fd: number,
    private readonly header: WalHeader,
    private readonly report: WalReport,
    databaseFilePages: number,
  ) {
    this.frameBytes = FRAME_HEADER_BYTES + header.pageSize;
    this.slots = Math.floor((report.sizeBytes - WAL_HEADER_BYTES) / this.frameBytes);
    this.frame = Buffer.alloc(this.frameBytes);
    this.largestDatabase = databaseFilePages;
  }

  run(): void {
    const unreachableFrom = this.scanValidChain();
    const staleFrom = this.scanUnreachable(unreachableFrom);
    const stale = this.collectStaleCandidates(staleFrom);
    for (const [position, candidate] of stale.entries()) {
      const problem = this.staleProblem(candidate);
      if (problem !== undefined) {
        this.report.staleFrames = position;
        this.reportUnexplained(candidate.index, problem);
        return;
      }
    }
    this.report.staleFrames = stale.length;
    const end = staleFrom + stale.length;
    if (end < this.slots) {
      this.reportUnexplained(end, this.currentSaltProblem(end, stale.length > 0));
      return;
    }
    this.checkTail(stale.length > 0);
  }

  /** Why a frame with the current salt-1 that is neither valid nor unreachable is out of place. */
  private currentSaltProblem(index: number, afterStaleFrames: boolean): string {
    const frame = this.readFrame(index);
    if (frame.pageNumber === 0) return 'its page number is 0';
    if (afterStaleFrames) {
      return 'it carries the current salt-1, yet lies after frames of an earlier generation';
    }
    return 'it carries the salt-1 of the current generation but another salt-2';
  }

  private readFrame(index: number): FrameHeader {
    readAt(this.fd, this.frame, this.frameBytes, this.offsetOf(index));
    return parseFrameHeader(this.frame);
  }

  private offsetOf(index: number): number {
    return WAL_HEADER_BYTES + index * this.frameBytes;
  }

  /** The frame just read continues the checksum chain that stands at `previous`. */
  private continuesChain(previous: WalChecksum, frame: FrameHeader): boolean {
    const { bigEndianSums } = this.header;
    const overHeader = walChecksum(this.frame.subarray(0, 8), bigEndianSums, previous);
    const overPage = walChecksum(
      this.frame.subarray(FRAME_HEADER_BYTES),
      bigEndianSums,
      overHeader,
    );
    return sameChecksum(overPage, frame.checksum);
  }

  private hasCurrentSalts(frame: FrameHeader): boolean {
    return frame.salt1 === this.header.salt1 && frame.salt2 === this.header.salt2;
  }

  /** What SQLite's recovery reads: frames with the header's salts and an unbroken checksum chain. */
  private scanValidChain(): number {
    let running = this.header.checksum;
    let index = 0;
    for (; index < this.slots; index++) {
      const frame = this.readFrame(index);
      if (!this.hasCurrentSalts(frame) || frame.pageNumber === 0) break;
      if (!this.continuesChain(running, frame)) break;
      running = frame.checksum;
      if (frame.commitPages !== 0) {
        this.report.committedFrames = index + 1;
        this.largestDatabase = Math.max(this.largestDatabase, frame.commitPages);
      }
    }
    this.report.validFrames = index;
    return index;
  }

  private scanUnreachable(start: number): number {
    let index = start;
    let commitFrames = 0;
    for (; index < this.slots; index++) {
      const frame = this.readFrame(index);
      if (!this.hasCurrentSalts(frame) || frame.pageNumber === 0) break;
      if (frame.commitPages !== 0) commitFrames += 1;
    }
    this.report.unreachableFrames = index - start;
    if (commitFrames > 0) {
      const following = index - start - 1;
      this.report.faults.push(
        `frame ${start + 1} (byte offset ${this.offsetOf(start)}) fails its checksum; SQLite stops ` +
          `reading the WAL at the first invalid frame, so it and the ${following} frame(s) after it ` +
          `are unreachable, and the ${commitFrames} committed transaction(s) among them would be ` +
          'silently lost on recovery',
      );
    }
    return index;
  }

  /** Whole frames from `start` on whose salt-1 is not the current one. */
  private collectStaleCandidates(start: number): StaleCandidate[] {
    const candidates: StaleCandidate[] = [];
    let previous: FrameHeader | undefined;
    for (let index = start; index < this.slots; index++) {
      const frame = this.readFrame(index);
      if (frame.salt1 === this.header.salt1) break;
      const chained =
        previous !== undefined &&
        previous.salt1 === frame.salt1 &&
        previous.salt2 === frame.salt2 &&
        this.continuesChain(previous.checksum, frame);
      if (chained) this.largestDatabase = Math.max(this.largestDatabase, frame.commitPages);
      candidates.push({ index, frame, chained });
      previous = frame;
    }
    return candidates;
  }

  /**
   * Why a frame cannot be one SQLite wrote in an earlier generation, or undefined if it can. A
   * frame whose checksum does not continue from its neighbour (its predecessor was overwritten
   * since) is judged by its header alone: random bytes almost never form a non-commit frame (a
   * zero commit field) or a commit frame for a page within a database size the database has had.
   */
  private staleProblem({ frame, chained }: Omit<StaleCandidate, 'index'>): string | undefined {
    if (frame.pageNumber === 0) return 'its page number is 0';
    if (chained || frame.commitPages === 0) return undefined;
    if (frame.pageNumber > frame.commitPages) {
      return `it is a commit frame for page ${frame.pageNumber} of a database of only ${frame.commitPages} pages`;
    }
    if (frame.commitPages > this.largestDatabase) {
      return `it is a commit frame for a database of ${frame.commitPages} pages, larger than this database has been (${this.largestDatabase} pages)`;
    }
    return undefined;
  }

  private reportUnexplained(index: number, reason: string): void {
    const offset = this.offsetOf(index);
    this.report.faults.push(
      `${this.report.sizeBytes - offset} bytes from byte offset ${offset} (frame slot ${index + 1}) ` +
        `are neither frames of the current WAL generation nor frames left from an earlier one: ${reason}. ` +
        'SQLite did not write them (appended garbage or a damaged file) and its recovery would ignore them',
    );
  }

  /** Bytes after the last whole frame: only the start of a frame that was being written is normal. */
  private checkTail(afterStaleFrames: boolean): void {
    const offset = this.offsetOf(this.slots);
    const length = this.report.sizeBytes - offset;
    if (length === 0) return;
    if (length >= FRAME_HEADER_BYTES) {
      readAt(this.fd, this.frame, FRAME_HEADER_BYTES, offset);
      const frame = parseFrameHeader(this.frame);
      const interruptedAppend =
        !afterStaleFrames && this.hasCurrentSalts(frame) && frame.pageNumber !== 0;
      const cutStaleFrame =
        frame.salt1 !== this.header.salt1 &&
        this.staleProblem({ frame, chained: false }) === undefined;
      if (interruptedAppend || cutStaleFrame) {
        this.report.truncatedTailBytes = length;
        return;
      }
    }
    this.report.faults.push(
      `${length} trailing byte(s) from byte offset ${offset} are not a whole frame (a frame is ` +
        `${this.frameBytes} bytes here) and do not start with a frame header SQLite could have ` +
        'written there: appended garbage or a damaged file',
    );
  }
}

function sameChecksum(a: WalChecksum, b: WalChecksum): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function formatChecksum(checksum: WalChecksum): string {
  return `${hex(checksum[0])}/${hex(checksum[1])}`;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
