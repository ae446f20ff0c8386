export * from './atomic-file';
export * from './library-cache';
export * from './npm-registry';
export * from './download-libraries';
