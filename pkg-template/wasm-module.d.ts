// For the type check of the entries (jsconfig.json): workerd and bundlers import a .wasm file as a compiled module.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
