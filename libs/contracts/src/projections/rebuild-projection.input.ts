import { IsString, Matches, MaxLength } from 'class-validator';

/** Payload of `cmd.projections.rebuild.<name>`: the projection's name, as in its subject. */
export class RebuildProjectionInput {
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'name must be a projection name: letters, digits, _ and - only' })
  name!: string;
}
