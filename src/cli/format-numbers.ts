const NUMBER = new Intl.NumberFormat("en");

export function formatCount(value: number): string {
  return NUMBER.format(Math.round(value));
}

export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}
