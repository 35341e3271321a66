import { IsInt, Max, Min, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

/**
 * Most parts one report may be split into. A part holds ~2,000 VMs at most, so this bounds a site at millions of
 * VMs, while a nonsense count can never make the controller wait for, or look for, millions of parts.
 */
export const MAX_REPORT_PARTS = 4096;

@ValidatorConstraint({ name: 'partIndexBelowCount' })
class PartIndexBelowCount implements ValidatorConstraintInterface {
  validate(index: unknown, args: ValidationArguments): boolean {
    const { count } = args.object as ReportPartInput;
    // a bad count is reported on its own field; only a valid pair is compared
    return typeof index !== 'number' || typeof count !== 'number' || index < count;
  }

  defaultMessage(): string {
    return 'index must be below count';
  }
}

/**
 * Which part of a report a message is, when a source's report is too big for one message: part `index` of
 * `count` (0 <= index < count). Every part is held on its own; the set is complete when parts 0 … count-1 are held.
 */
export class ReportPartInput {
  @IsInt()
  @Min(0)
  @Validate(PartIndexBelowCount)
  index: number;

  @IsInt()
  @Min(1)
  @Max(MAX_REPORT_PARTS)
  count: number;
}
