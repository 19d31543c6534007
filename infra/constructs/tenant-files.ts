import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { TenantConfig } from '../tenants.ts';
import { Concern } from './concern.ts';

/** Exports (data-subject bundles, large CSVs) are fetched within days; keeping them longer keeps personal data for nothing. */
export const EXPORT_RETENTION_DAYS = 7;
/** Uploaded import files back an import's undo, which is open 7 days. */
export const IMPORT_RETENTION_DAYS = 8;

/**
 * The tenant's files (session materials, import uploads, export bundles): one
 * private bucket, encrypted, TLS only, no public access and no ACLs. Nobody
 * reads it directly: functions that declare `files` issue presigned links
 * (packages/core/storage) to callers they have authorized. Its access log
 * goes to a second bucket, kept as long as the tenant's other logs.
 */
export class TenantFiles extends Concern {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, tenant: TenantConfig) {
    super(scope, id);
    const locked = {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...locked,
      // Server access logging writes with the log-delivery service's ACL-less grant (bucket policy).
      lifecycleRules: [{ expiration: Duration.days(Math.max(tenant.logRetentionDays, 1)) }],
    });
    this.bucket = new Bucket(this, 'Bucket', {
      ...locked,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'files/',
      versioned: false,
      lifecycleRules: [
        { prefix: 'exports/', expiration: Duration.days(EXPORT_RETENTION_DAYS) },
        { prefix: 'imports/', expiration: Duration.days(IMPORT_RETENTION_DAYS) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Browser apps of the tenant's origins upload and download straight from S3 with presigned links.
      ...(tenant.corsOrigins.length > 0 && {
        cors: [{ allowedOrigins: [...tenant.corsOrigins], allowedMethods: [HttpMethods.GET, HttpMethods.PUT], allowedHeaders: ['content-type'], maxAge: 3600 }],
      }),
    });
  }
}
