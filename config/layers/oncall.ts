/**
 * Configuration of the global `oncall` layer: the PagerDuty team, its on-call schedules, the escalation policy every
 * environment's PagerDuty service shares, and planned maintenance windows. People are named by the email address of
 * their existing PagerDuty user; the stack looks them up, it never creates users.
 */
import { z } from 'zod';
import { emailAddress, intRange, nonEmptyString, oneOf } from '../rules';

const SLUG_MESSAGE = 'must be lower-case words of a-z and 0-9 joined by single - (it becomes part of a PagerDuty name)';
const slug = z.string({ invalid_type_error: SLUG_MESSAGE }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, SLUG_MESSAGE);

/** An ISO 8601 date-time with its offset, the form PagerDuty's API takes. */
const isoDateTime = z
  .string({ invalid_type_error: 'must be an ISO 8601 date-time with offset, such as 2025-01-06T09:00:00+01:00' })
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset, such as 2025-01-06T09:00:00+01:00' });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z
  .string({ invalid_type_error: 'must be an IANA time zone such as Europe/Oslo or UTC' })
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Oslo or UTC');

const users = z.array(emailAddress);

const scheduleLayerSchema = z
  .object({
    name: nonEmptyString('a layer name'),
    /** When the layer takes effect. */
    start: isoDateTime,
    /** The instant rotations are counted from (hand-over time of day and weekday). @default start */
    rotationVirtualStart: isoDateTime.optional(),
    /** Length of one person's turn; PagerDuty allows up to a year. 168 is a weekly rotation. */
    rotationLengthHours: intRange(1, 8760),
    /** PagerDuty users, by email, in rotation order. */
    users: users.min(1, 'must name at least one PagerDuty user'),
  })
  .strict();

const scheduleSchema = z
  .object({
    /** Short name; the schedule is `<service>-<name>` in PagerDuty and escalation levels refer to it by this name. */
    name: slug,
    timeZone,
    description: z.string().optional(),
    layers: z.array(scheduleLayerSchema).min(1, 'must have at least one layer'),
  })
  .strict();

const escalationLevelSchema = z
  .object({
    /** Minutes before the incident escalates to the next level (PagerDuty's minimum is 1). */
    delayMinutes: intRange(1, 1440),
    /** Schedules of this layer to notify, by name. @default [] */
    schedules: z.array(z.string()).default([]),
    /** PagerDuty users to notify directly, by email. @default [] */
    users: users.default([]),
  })
  .strict();

const maintenanceWindowSchema = z
  .object({
    description: nonEmptyString('a description'),
    start: isoDateTime,
    end: isoDateTime,
    /** Environments whose PagerDuty service the window silences. @default every environment with PagerDuty */
    environments: z.array(z.string()).optional(),
  })
  .strict();

const disabledOncallSchema = z.object({ enabled: z.literal(false) }).strict();

const enabledOncallSchema = z
  .object({
    enabled: z.literal(true),
    /** PagerDuty service region of the account: it decides the API and the Events API hosts. */
    region: oneOf(['us', 'eu'] as const).default('us'),
    team: z
      .object({
        /** Display name of the PagerDuty team. @default the service name */
        name: z.string().min(1).optional(),
        description: z.string().optional(),
      })
      .strict()
      .default({}),
    schedules: z.array(scheduleSchema).min(1, 'must define at least one on-call schedule'),
    escalation: z
      .object({
        /** How many times the policy repeats once its last level has been notified (PagerDuty allows 0 to 9). */
        loops: intRange(0, 9).default(2),
        levels: z.array(escalationLevelSchema).min(1, 'must have at least one escalation level'),
      })
      .strict(),
    /** Planned windows during which the PagerDuty services open no incidents. @default [] */
    maintenanceWindows: z.array(maintenanceWindowSchema).default([]),
  })
  .strict();

export const oncallLayerSchema = z
  .discriminatedUnion('enabled', [disabledOncallSchema, enabledOncallSchema], {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: 'must be true or false' }
        : { message: ctx.defaultError },
  })
  .superRefine((oncall, ctx) => {
    if (!oncall.enabled) return;
    const names = oncall.schedules.map((s) => s.name);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) {
        ctx.addIssue({ code: 'custom', path: ['schedules', i, 'name'], message: 'must be unique among the schedules' });
      }
    });
    oncall.escalation.levels.forEach((level, i) => {
      if (level.schedules.length === 0 && level.users.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', 'levels', i],
          message: 'must notify at least one schedule or user',
        });
      }
      level.schedules.forEach((name, j) => {
        if (!names.includes(name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['escalation', 'levels', i, 'schedules', j],
            message: `must name a schedule of oncall.schedules (${names.join(', ')})`,
          });
        }
      });
    });
    oncall.maintenanceWindows.forEach((window, i) => {
      if (Date.parse(window.end) <= Date.parse(window.start)) {
        ctx.addIssue({ code: 'custom', path: ['maintenanceWindows', i, 'end'], message: 'must be after start' });
      }
    });
  });

export type OncallLayerConfig = z.infer<typeof oncallLayerSchema>;
/** The on-call settings once the layer is on. */
export type OncallConfig = Extract<OncallLayerConfig, { enabled: true }>;
export type MaintenanceWindowConfig = OncallConfig['maintenanceWindows'][number];

/** Host of PagerDuty's Events API in the account's service region. */
export function pagerDutyEventsHost(region: OncallConfig['region']): string {
  return region === 'eu' ? 'events.eu.pagerduty.com' : 'events.pagerduty.com';
}

/** Whether a maintenance window silences the given environment. */
export function windowCoversEnvironment(window: MaintenanceWindowConfig, environment: string): boolean {
  return window.environments === undefined || window.environments.includes(environment);
}
