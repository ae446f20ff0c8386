export * from './templates/template.views';
export * from './templates/templates.projector';
export * from './templates/templates.read-model';
export * from './projection-migrations';
