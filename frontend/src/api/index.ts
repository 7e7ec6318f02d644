export * from './types';
export * from './client';
export * from './auth';
export * from './resources';
export * from './transfer';
export * from './notifications';
export * from './queries';
export * from './integrity';
