// One cold start, in a fresh process: import the implementation, construct, one answered start + check.
// Prints milliseconds from the first line of this script (Node's own start-up is the same for everyone).
const started = performance.now();
const { make } = await import(`./impls/${process.argv[2]}.mjs`);
const result = await make(process.argv[3])('12345');
if (result !== 'accepted') throw new Error(result);
console.log(performance.now() - started);
