import { RequiredScope } from '../security/required-scope.decorator';
import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class HealthController {
  @Get()
  @RequiredScope('public')
  health(): { status: string } {
    return { status: 'ok' };
  }
}
