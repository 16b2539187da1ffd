// A check helper that throws unless its argument is a UUID: past the call, the id is one.
import { Controller, Logger } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { rm } from 'node:fs/promises';
import path from 'node:path';

const ROOT = '/data/assets';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function requireUuid(id: string): void {
  if (!UUID.test(id)) {
    throw new Error('not a UUID');
  }
}

interface DeleteCommand {
  tenantId: string;
  assetId: string;
}

function requireIds(cmd: DeleteCommand): string {
  if (!UUID.test(cmd.assetId)) {
    throw new Error('assetId must be a UUID');
  }
  return path.join(ROOT, cmd.tenantId);
}

function describe(id: string): string {
  return `asset ${id}`;
}

@Controller()
export class AssetController {
  private readonly logger = new Logger(AssetController.name);

  @MessagePattern('asset.delete')
  async deleteAsset(@Payload() assetId: string) {
    requireUuid(assetId);
    // ok: js.path-traversal-request
    await rm(path.join(ROOT, `${assetId}.bin`), { force: true });
    // ok: js.log-injection
    this.logger.log(`deleted asset ${assetId}`);
  }

  @MessagePattern('asset.remove')
  async removeAsset(@Payload() cmd: DeleteCommand) {
    requireIds(cmd);
    // ok: js.log-injection
    this.logger.log(`removed asset ${cmd.assetId}`);
    // ruleid: js.log-injection
    this.logger.log(`removed for tenant ${cmd.tenantId}`);
  }

  @MessagePattern('asset.purge')
  async purgeAsset(@Payload() assetId: string) {
    this.logger.debug(describe('x'));
    // ruleid: js.path-traversal-request
    await rm(path.join(ROOT, `${assetId}.bin`), { force: true });
  }
}
