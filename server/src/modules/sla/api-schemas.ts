// TypeBox schemas of the SLA API: calendars, policies and the clock preview. Shapes and sizes are
// checked here; meaning (times, zones, priorities, references) by the services, which name the field.
import { type TSchema, Type } from 'typebox';
import { Uuid } from '../../platform/http.ts';
import { MAX_HOLIDAYS, MAX_INTERVALS_PER_DAY, MAX_PAUSES } from './clock/index.ts';
import {
  ESCALATION_ACTION_TYPES,
  MAX_ESCALATION_ACTIONS,
  MAX_ESCALATION_LEVELS,
  MAX_ESCALATION_MINUTES,
  MAX_TARGET_MINUTES,
  NOTIFY_RECIPIENTS,
  SLA_METRICS,
} from './policy-shapes.ts';

export const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time' });

const WallTime = Type.String({ maxLength: 10, description: '"HH:MM", 00:00–24:00' });
const Day = Type.Array(Type.Tuple([WallTime, WallTime]), { maxItems: MAX_INTERVALS_PER_DAY });

export const CalendarDefinition = Type.Object(
  {
    timezone: Type.String({ maxLength: 100, description: 'IANA time zone, e.g. America/Los_Angeles' }),
    week: Type.Object(
      { mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day },
      {
        ...strict,
        description: 'Business intervals per weekday, e.g. mon: [["09:00","12:00"],["13:00","17:00"]]',
      },
    ),
    holidays: Type.Array(Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }), {
      maxItems: MAX_HOLIDAYS,
    }),
  },
  strict,
);

export const CalendarName = Type.String({ minLength: 1, maxLength: 100 });
export const Version = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const CalendarSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  definition: CalendarDefinition,
  builtIn: Type.Boolean(),
  version: Type.Integer(),
  usedBy: Type.Integer({ description: 'How many policies have a target on this calendar' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const HolidayImportSchema = Type.Object({
  calendar: CalendarSchema,
  added: Type.Integer({ description: 'Dates new to the calendar' }),
  skipped: Type.Array(Type.Object({ line: Type.Integer(), text: Type.String() }), {
    description: 'Non-blank lines without a date',
  }),
});

const Instant = Type.String({ maxLength: 40, description: 'UTC instant, YYYY-MM-DDTHH:MM:SSZ' });
const Pause = Type.Object(
  { from: Instant, to: Nullable(Instant) },
  { ...strict, description: 'A pause [from, to); to is null while still paused' },
);
const CalendarChoice = {
  calendar: Type.Optional(CalendarDefinition),
  calendarId: Type.Optional(Uuid),
  pauses: Type.Optional(Type.Array(Pause, { maxItems: MAX_PAUSES })),
};

export const PreviewBody = Type.Object(
  {
    ...CalendarChoice,
    start: Instant,
    targetMinutes: Type.Integer({ minimum: 0, maximum: MAX_TARGET_MINUTES }),
  },
  { ...strict, description: 'Give calendar (a definition) or calendarId (a stored calendar)' },
);

export const ElapsedBody = Type.Object(
  { ...CalendarChoice, from: Instant, to: Instant },
  { ...strict, description: 'Give calendar (a definition) or calendarId (a stored calendar)' },
);

const Metric = Type.Enum([...SLA_METRICS]);
const Target = Type.Object(
  { minutes: Type.Integer({ minimum: 0, maximum: MAX_TARGET_MINUTES }), calendarId: Uuid },
  strict,
);
const PriorityTargets = Type.Object(
  {
    firstResponse: Type.Optional(Target),
    nextResponse: Type.Optional(Target),
    resolution: Type.Optional(Target),
  },
  strict,
);
export const Targets = Type.Record(Type.String(), PriorityTargets, {
  maxProperties: 100,
  description: 'Keyed by priority key; a priority left out has no SLA under this policy',
});

// Ranges and "exactly one" are checked by the service, which names the field.
export const Warning = Nullable(
  Type.Object(
    { minutesBefore: Type.Optional(Type.Integer()), percentUsed: Type.Optional(Type.Integer()) },
    { ...strict, description: 'Either minutesBefore (≥ 1) or percentUsed (1–99)' },
  ),
);

const Action = Type.Object(
  {
    type: Type.Enum([...ESCALATION_ACTION_TYPES]),
    recipient: Type.Optional(Type.Enum([...NOTIFY_RECIPIENTS])),
    agentId: Type.Optional(Uuid),
    groupId: Type.Optional(Uuid),
  },
  {
    ...strict,
    description:
      'notify {recipient, agentId when recipient is agent} | reassign {agentId and/or groupId} | raise_priority',
  },
);
const Escalation = Type.Object(
  {
    afterMinutes: Type.Integer({
      minimum: 0,
      maximum: MAX_ESCALATION_MINUTES,
      description: '0 = at the breach',
    }),
    metrics: Type.Optional(Type.Array(Metric, { minItems: 1, maxItems: SLA_METRICS.length })),
    actions: Type.Array(Action, { minItems: 1, maxItems: MAX_ESCALATION_ACTIONS }),
  },
  strict,
);
export const Escalations = Type.Array(Escalation, { maxItems: MAX_ESCALATION_LEVELS });

export const ConditionJson = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'A condition: {all:[…]}, {any:[…]}, {not:…} or {field, op, value}',
  },
);

export const PolicyName = Type.String({ minLength: 1, maxLength: 100 });
export const Description = Type.String({ maxLength: 2000 });

export const PolicySchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  position: Type.Integer(),
  isDefault: Type.Boolean(),
  active: Type.Boolean(),
  condition: Nullable(ConditionJson),
  targets: Targets,
  warning: Warning,
  escalations: Escalations,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
