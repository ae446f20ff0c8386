// The status of each code is part of the wire contract (and of its OpenAPI document).
export { ERROR_STATUS } from '@vm-system/contract';
