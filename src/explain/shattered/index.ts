// The shattered-gradients measurement (Balduzzi et al. 2017) and its effect on gradient maps.
export { autocorrelation, highFrequencyPower } from './autocorrelation.js';
export { imageLine, mapRoughness, mapShattering, measureMapShattering, saliencyMaps, shatteringConvNetwork } from './map-shattering.js';
export type { ConvNetworkOptions as ShatteringConvNetworkOptions, MapPathOptions, MapShattering, MapShatteringRow, Roughness } from './map-shattering.js';
export { defaultShatteringFactories, inputGradients, measureShattering } from './measure.js';
export type { ModelFactory as ShatteringModelFactory, ShatteringCurve, ShatteringOptions, ShatteringPoint, ShatteringResult } from './measure.js';
export { architectures as shatteringArchitectures, shatteringNetwork } from './networks.js';
export type { Architecture as ShatteringArchitecture, NetworkOptions as ShatteringNetworkOptions } from './networks.js';
