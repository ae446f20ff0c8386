import { Controller, Get } from '@nestjs/common';
import { OpenApiDocument, openApiDocument } from '@vm-system/contract';
import { packageVersion } from '../openapi/package-version';

/**
 * The API described: an OpenAPI 3.1 document generated from the schemas that validate the
 * requests (libs/contract). Like every route but /health it needs a token with auth on
 * (the read scope): it tells a caller nothing about data, but security.md opens only /health.
 */
@Controller()
export class OpenApiController {
  private document?: OpenApiDocument;

  @Get('openapi.json')
  openApi(): OpenApiDocument {
    // Built on first use: the daemon's start does not pay for it.
    return (this.document ??= openApiDocument(packageVersion()));
  }
}
