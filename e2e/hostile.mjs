// The hostile values every input must survive: shown inertly, or refused with a reason.
export const HOSTILE = [
  { name: 'img onerror', value: '<img src=x onerror=alert(1)>' },
  { name: 'attribute break-out', value: '"><script>window.__pwned=1</script>' },
  { name: '10 KB', value: 'A'.repeat(10 * 1024) },
  { name: '1 MB', value: 'B'.repeat(1024 * 1024) },
  { name: 'control characters and NUL', value: 'a\u0000b\u0001c\u001f\u007fd\r\ne\t' },
  { name: 'lone surrogate escape', value: '%ED%A0%80' },
  { name: 'bad escape', value: '%ZZ%' },
  { name: 'emoji, RTL, zero-width joiner', value: '👩‍💻🍪 مرحبا \u202Eevil\u202C a\u200Db' },
  { name: 'negative', value: '-1' },
  { name: 'zero', value: '0' },
  { name: 'huge', value: '1e308' },
  { name: 'NaN', value: 'NaN' },
  { name: 'string where a number belongs', value: 'sixty' },
];
