import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { MATRIX_FILE_FORMATS, MATRIX_SCOPES, type MatrixFileFormat, type MatrixScopeName } from './interop-vocabulary.js';

/** A request on the bus must fit in one NATS message (1 MB by default); the file is most of it. */
export const MAX_MATRIX_FILE_CHARS = 900_000;

/** `POST /v1/interop/matrix`, `cmd.interop.import-matrix`: a whole matrix file, validated before anything is written. */
export class ImportMatrixInput {
  /** Re-running an import with the same id (and the same file) resumes or confirms it; derived from the command id when absent. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'importId must be 1-64 letters, digits, _ or -' }) importId?: string;
  /** `global` needs the admin role (checked at the gateway); `tenant` entries are the caller's tenant's own. */
  @IsIn(MATRIX_SCOPES) scope!: MatrixScopeName;
  @IsIn(MATRIX_FILE_FORMATS) format!: MatrixFileFormat;
  @IsString() @Length(1, MAX_MATRIX_FILE_CHARS) content!: string;
  @IsOptional() @IsString() @MaxLength(200) fileName?: string;
}
