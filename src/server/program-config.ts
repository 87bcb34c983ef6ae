import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../core/errors';

const benefitSchema = z.object({
  benefitKey: z.string().min(1),
  price: z.number().int().positive(),
  displayName: z.string().min(1),
});

/** The rewards program the app runs: what setup creates in Wix and what the use cases refer to. */
export const programConfigSchema = z
  .object({
    namespace: z.string().min(1),
    providerAppId: z.string().min(1),
    programDefinition: z.object({ externalId: z.string().min(1), displayName: z.string().min(1) }),
    poolDefinition: z.object({
      displayName: z.string().min(1),
      creditConfiguration: z.object({
        amount: z.number().int().min(0),
        rollover: z.object({ enabled: z.boolean(), balanceCap: z.number().int().min(0) }),
        unitDisplayName: z.string().min(1),
      }),
      benefits: z.array(benefitSchema).min(1),
    }),
    items: z.array(
      z.object({
        externalId: z.string().min(1),
        benefitKey: z.string().min(1),
        displayName: z.string().min(1),
        category: z.string().optional(),
      }),
    ),
    lifecycle: z.object({
      renewEveryMonths: z.number().int().positive(),
      endAfterMonths: z.number().int().positive(),
    }),
  })
  .superRefine((config, ctx) => {
    const keys = new Set(config.poolDefinition.benefits.map((b) => b.benefitKey));
    config.items.forEach((item, i) => {
      if (!keys.has(item.benefitKey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'benefitKey'],
          message: `unknown benefit ${item.benefitKey}`,
        });
      }
    });
  });

export type ProgramConfig = z.output<typeof programConfigSchema>;

export const defaultProgramConfigPath = fileURLToPath(
  new URL('../../config/gym-program.json', import.meta.url),
);

export function loadProgramConfig(path = defaultProgramConfigPath): ProgramConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new AppError('VALIDATION', `Cannot read program config ${path}`, { cause });
  }
  const parsed = programConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION', `Program config ${path}: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}
