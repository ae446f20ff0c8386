import type { GuestText } from './inspect-text';
import type { GuestIntrinsics } from './intrinsics';

/**
 * Node's util.inspect line layout (`compact: 3`, `breakLength: 80`): whether entries fit on one
 * line, and the column grouping of long arrays. Part of the guest-side inspector: runs INSIDE
 * the isolate from its source text (see guest-inspector.ts), so it must reference nothing
 * outside its own body.
 */

export type GuestLayout = ReturnType<typeof createGuestLayout>;

export function createGuestLayout(intrinsics: GuestIntrinsics, text: GuestText) {
  const {
    ArrayPrototypePush,
    ArrayPrototypeJoin,
    StringPrototypeIncludes,
    StringPrototypeRepeat,
    StringPrototypePadStart,
    StringPrototypePadEnd,
    MathMin,
    MathMax,
    MathSqrt,
    MathRound,
    MathFloor,
  } = intrinsics;
  const { getStringWidth } = text;
  const kArrayExtrasType = 2;

  function groupArrayElements(ctx: any, output: string[], value: any): string[] {
    let totalLength = 0;
    let maxLength = 0;
    let i = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    const separatorSpace = 2;
    const dataLen: number[] = [];
    for (; i < outputLength; i++) {
      const len = getStringWidth(output[i]);
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const approxCharHeights = 2.5;
      const averageBias = MathSqrt(actualMax - totalLength / output.length);
      const biasedMax = MathMax(actualMax - 3 - averageBias, 1);
      const columns = MathMin(
        MathRound(MathSqrt(approxCharHeights * biasedMax * outputLength) / biasedMax),
        MathFloor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) return output;
      const tmp: string[] = [];
      const maxLineLength: number[] = [];
      for (let c = 0; c < columns; c++) {
        let lineMaxLength = 0;
        for (let j = c; j < output.length; j += columns) {
          if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
        }
        maxLineLength[c] = lineMaxLength + separatorSpace;
      }
      let order = StringPrototypePadStart;
      if (value !== undefined) {
        for (let k = 0; k < output.length; k++) {
          if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') {
            order = StringPrototypePadEnd;
            break;
          }
        }
      }
      for (let k = 0; k < outputLength; k += columns) {
        const max = MathMin(k + columns, outputLength);
        let str = '';
        let j = k;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - k] + output[j].length - dataLen[j];
          str += order(`${output[j]}, `, padding, ' ');
        }
        if (order === StringPrototypePadStart) {
          const padding = maxLineLength[j - k] + output[j].length - dataLen[j] - separatorSpace;
          str += StringPrototypePadStart(output[j], padding, ' ');
        } else {
          str += output[j];
        }
        ArrayPrototypePush(tmp, str);
      }
      if (ctx.maxArrayLength < output.length) ArrayPrototypePush(tmp, output[outputLength]);
      output = tmp;
    }
    return output;
  }

  function isBelowBreakLength(ctx: any, output: string[], start: number, base: string): boolean {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === '' || !StringPrototypeIncludes(base, '\n');
  }

  function reduceToSingleString(ctx: any, output: string[], base: string, braces: string[], extrasType: number, recurseTimes: number, value: any): string {
    const entries = output.length;
    if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
    if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
      const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
      if (isBelowBreakLength(ctx, output, start, base)) {
        const joinedOutput = ArrayPrototypeJoin(output, ', ');
        if (!StringPrototypeIncludes(joinedOutput, '\n')) {
          return `${base ? `${base} ` : ''}${braces[0]} ${joinedOutput} ${braces[1]}`;
        }
      }
    }
    const indentation = `\n${StringPrototypeRepeat(' ', ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${ArrayPrototypeJoin(output, `,${indentation}  `)}${indentation}${braces[1]}`;
  }

  return { reduceToSingleString };
}
