/** What every benchmark cluster runs, whichever constructs build it. */
export const BENCH_IMAGE = 'registry.example.com/app:1.0.0';
export const BENCH_PORT = 8080;
