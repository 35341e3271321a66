import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = Symbol('vorch:public');

/** Marks the operation public in the OpenAPI document (the document then drops its bearer requirement). */
export const openApiPublicMarker = 'x-vorch-public';

/** Marks a route that needs no API key: probes, metrics and the console shell. Everything else is authenticated. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(openApiPublicMarker, true));
