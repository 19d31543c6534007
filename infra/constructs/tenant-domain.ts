import { ApiMapping, DomainName, type IHttpApi, type IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { ARecord, HostedZone, RecordTarget, type IHostedZone } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { TenantConfig } from '../tenants.ts';

/**
 * The tenant's own domain in front of its API (tenants.json `domain`): an ACM
 * certificate, an API Gateway custom domain mapped to the `$default` stage,
 * and, when a Route 53 hosted zone is given, the certificate's validation
 * records and an alias record (the SES DKIM records come from TenantMail with
 * the same zone). Every emailed link (unsubscribe, preference centre,
 * attendee and speaker links) is built on `url`, so it outlives the API
 * Gateway hostname: links in mail sent years ago keep working as long as the
 * domain does. Without a zone the certificate waits for DNS validation records
 * the operator adds by hand (docs/operations.md, "DNS").
 */
export class TenantDomain extends Construct {
  readonly url: string;
  readonly zone: IHostedZone | undefined;
  readonly domainName: DomainName;
  readonly certificate: Certificate;

  constructor(scope: Construct, id: string, props: { domain: NonNullable<TenantConfig['domain']>; api: IHttpApi; stage: IHttpStage }) {
    super(scope, id);
    const { domain, api, stage } = props;
    this.zone = domain.hostedZoneId
      ? HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: domain.hostedZoneId, zoneName: domain.hostedZoneName! })
      : undefined;
    this.certificate = new Certificate(this, 'Certificate', {
      domainName: domain.name,
      validation: this.zone ? CertificateValidation.fromDns(this.zone) : CertificateValidation.fromDns(),
    });
    this.domainName = new DomainName(this, 'DomainName', { domainName: domain.name, certificate: this.certificate });
    new ApiMapping(this, 'Mapping', { api, domainName: this.domainName, stage });
    if (this.zone) {
      new ARecord(this, 'Alias', {
        zone: this.zone,
        recordName: domain.name,
        target: RecordTarget.fromAlias(new ApiGatewayv2DomainProperties(this.domainName.regionalDomainName, this.domainName.regionalHostedZoneId)),
      });
    }
    this.url = `https://${domain.name}`;
  }
}
