export { PROTOCOL_VERSION, createMessage, errorReply, okReply } from './messages.js';
export type { Message, MessageKind, Reply, ReplyContent } from './messages.js';
export { allocData, arrayDTypeOf, arrayRecordSize, cloneArrayRecord, mapArrayRecord, namedArray, shapeSize } from './records.js';
export type { ArrayData, ArrayDType, ArrayRecord, ConfigRecord, ConfigValue, MetricRecord, NamedArray } from './records.js';
export { isConfigValue, validateReply } from './validate.js';
export type { ClientResult, Rejection, RejectionCode, RejectionReason, ReplyExpectation, ValidationResult } from './validate.js';
export { arraysFromModule, arraysFromTensors, loadArraysIntoModule, tensorsFromArrays } from './module-arrays.js';
export type { HasStateDict } from './module-arrays.js';
