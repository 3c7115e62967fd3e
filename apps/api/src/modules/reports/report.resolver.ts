import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { SubmitReportInput } from './report.inputs.js';
import { ReportService } from './report.service.js';
import { ReportReceipt, ReportStatusInfo } from './report.types.js';
import { reporterIdentity } from './reporter-identity.js';

@Resolver()
export class ReportResolver {
  constructor(
    private readonly reports: ReportService,
    private readonly reporterKeySecret: string,
  ) {}

  @Mutation(() => ReportReceipt, { description: 'Report a page or one of its sections. Public.' })
  submitReport(
    @Arg('input', () => SubmitReportInput) input: SubmitReportInput,
    @Ctx() { clientAddress }: Context,
  ): Promise<ReportReceipt> {
    return this.reports.submit(input, reporterIdentity(clientAddress, this.reporterKeySecret));
  }

  @Query(() => ReportStatusInfo, {
    nullable: true,
    description: 'Where a report stands, by its receipt. Public.',
  })
  reportStatus(@Arg('receipt', () => String) receipt: string): Promise<ReportStatusInfo | null> {
    return this.reports.status(receipt);
  }
}
