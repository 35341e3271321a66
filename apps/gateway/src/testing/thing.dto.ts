import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/** Input of the test-only "things" feature the gateway's integration tests mount. */
export class CreateThing {
  @IsString()
  @Length(1, 50)
  name!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  size?: number;
}

export class GetThing {
  @IsString()
  @Length(1, 100)
  id!: string;
}

export interface ThingView {
  id: string;
  name: string;
  size?: number;
}
