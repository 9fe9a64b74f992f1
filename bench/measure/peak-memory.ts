// Peak resident memory of the current process, from getrusage(2) through Node.
/** Peak resident set size of this process so far, in MiB (`maxRSS` is reported in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
