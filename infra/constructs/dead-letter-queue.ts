import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What feeds this queue, for the acknowledgement and the operator. */
  feeds: string;
  retentionDays: number;
}

/** An encrypted, TLS-only SQS queue that keeps events a target could not take. */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(props.retentionDays),
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue IS a dead-letter queue (${props.feeds}); SQS3 only recognises SQS redrive and Lambda DeadLetterConfig as DLQ use, not EventBridge target DLQs or Lambda on-failure destinations. A DLQ of a DLQ would only move the messages.`,
    });
  }
}
