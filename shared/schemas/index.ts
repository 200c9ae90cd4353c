export * from './question.ts';
export * from './artifacts.ts';
export * from './audit.ts';
export * from './page-result.ts';
export * from './config.ts';
export * from './report.ts';
export * from './classify.ts';
export * from './history.ts';
