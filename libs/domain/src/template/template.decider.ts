import { Decider } from '../shared/decider';
import { TemplateCommand } from './template.commands';
import { decideTemplate } from './template.decide';
import { TemplateEvent } from './template.events';
import { evolveTemplate } from './template.evolve';
import { TemplateState, initialTemplateState } from './template.state';

export const templateDecider: Decider<TemplateCommand, TemplateEvent, TemplateState> = {
  decide: decideTemplate,
  evolve: evolveTemplate,
  initialState: initialTemplateState,
};

export const templateStreamId = (templateId: string) => `template-${templateId}`;
