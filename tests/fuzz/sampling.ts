import fc from 'fast-check';
import { caseArbitrary, type Case } from './cases';
import type { OpenApiDocument, Operation } from './operations';

/** Cases are drawn this many at a time per operation: a 200,000-request run never holds them all. */
const CHUNK = 100;

/**
 * Case `k` of an operation, from the seed, the operation's name and `k` alone: the same seed sends
 * the same requests on every machine and at any request count, and adding a route does not change
 * the others' requests. Meant to be read in order of `k` (one chunk per operation is kept).
 */
export class CaseSource {
  private readonly arbitraries: fc.Arbitrary<Case>[];
  private readonly chunks = new Map<number, { index: number; cases: Case[] }>();

  constructor(
    private readonly operations: Operation[],
    doc: OpenApiDocument,
    private readonly seed: number,
  ) {
    this.arbitraries = operations.map((op) => caseArbitrary(op, doc));
  }

  get(operation: number, k: number): Case {
    const index = Math.floor(k / CHUNK);
    let chunk = this.chunks.get(operation);
    if (chunk?.index !== index) {
      const op = this.operations[operation]!;
      let h = this.seed | 0;
      for (const ch of `${op.method} ${op.path} ${index}`)
        h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
      chunk = {
        index,
        cases: fc.sample(this.arbitraries[operation]!, { seed: h, numRuns: CHUNK }),
      };
      this.chunks.set(operation, chunk);
    }
    return chunk.cases[k % CHUNK]!;
  }
}
