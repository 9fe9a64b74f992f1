export { decodeSafetensors, defaultMaxHeaderBytes, defaultMaxTotalBytes, encodeSafetensors } from './safetensors.js';
export type { DecodeOptions, DecodedSafetensors } from './safetensors.js';
export { readFileLimited, writeFileAtomic } from './atomic-write.js';
export type { AtomicFileHandle, AtomicWriteFs, AtomicWriteOptions } from './atomic-write.js';
export { architectureHashKey, architecturePath, loadModelFile, readSafetensorsFile, saveModelFile } from './model-file.js';
export type { LoadModelOptions, LoadedModelFile, ModelFileContents } from './model-file.js';
