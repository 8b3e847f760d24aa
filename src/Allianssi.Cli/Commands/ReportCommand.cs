using System.CommandLine;
using Allianssi.Application.Data;
using Allianssi.Application.UseCases.Common;
using Allianssi.Application.UseCases.Results;
using Allianssi.Application.UseCases.Scoring;
using Allianssi.Application.UseCases.Setup;
using Allianssi.Application.Security;
using Allianssi.Reports.Fhir;
using Allianssi.Reports.Period;
using Allianssi.Reports.Workbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allianssi.Cli.Commands;

/// <summary>
/// <c>allianssi report</c>: writes a period's (or a year's) report from the operational store. The
/// document is rendered completely and written to a temporary file beside <c>--out</c>, then moved
/// over it, so a failure never leaves half a file; a span that cannot be scored or settled says why
/// on stderr and exits 2, as <c>settle</c> does.
/// </summary>
public static class ReportCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var connection = DbCommand.ConnectionOption();
        var period = new Option<string>("--period") { Description = "Contract period id, e.g. P1", Required = true };
        var year = new Option<int?>("--year") { Description = "One year of the period (default: the whole period)" };
        var format = new Option<string>("--format") { Description = "pdf (the period report), xlsx (its numbers as a workbook) fhir (the stored results as FHIR R4 MeasureReports in a Bundle) or statement (one party's settlement statement, PDF; needs --party)", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong(ReportFormats.All);
        var output = new Option<FileInfo>("--out") { Description = "The file to write", Required = true };
        var language = new Option<string>("--lang") { Description = "fi or en (default fi)", DefaultValueFactory = _ => "fi" };
        language.AcceptOnlyFromAmong("fi", "en");
        var party = new Option<string?>("--party") { Description = "statement: the party; xlsx: the party whose ledger lines the workbook holds (default: every party's)" };
        var alliance = new Option<string?>("--alliance") { Description = "Alliance id (default: the store's only alliance)" };
        var command = new Command("report", "Write a period's or a year's report (PDF) or workbook (XLSX) from the operational store")
        {
            connection,
            period,
            year,
            format,
            output,
            language,
            party,
            alliance,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var host = globals.Host(parseResult);
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AllianssiDbContext>();
            if (host.Store.Provider == StoreProvider.Sqlite)
            {
                await scope.ServiceProvider.GetRequiredService<MigrateStore>().ExecuteAsync(ct);
            }

            var code = parseResult.GetValue(alliance) ?? await OnlyAlliance.OfAsync(db, ct);
            if (code is null)
            {
                error.WriteLine("report: give --alliance (the store holds none or several)");
                return CliApplication.InvalidInput;
            }

            var target = parseResult.GetValue(output)!;
            if (parseResult.GetValue(format) == ReportFormats.Fhir)
            {
                var read = await MeasureReportBundle.ReadAsync(db, code, parseResult.GetValue(period)!, parseResult.GetValue(year), Actor.System, ct);
                if (!read.IsOk)
                {
                    error.WriteLine($"report: not found: {read.Message}");
                    return CliApplication.InvalidInput;
                }

                var results = read.Value!;
                var json = System.Text.Encoding.UTF8.GetBytes(MeasureReportBundle.Serialize(MeasureReportBundle.Build(code, results)));
                WriteWhole(target, json);
                parseResult.InvocationConfiguration.Output.WriteLine($"report: wrote {target.Name} ({results.Sum(r => r.Points.Count)} measure reports)");
                return CliApplication.Success;
            }

            var calculator = scope.ServiceProvider.GetRequiredService<ResultCalculator>();
            var data = await PeriodReportData.LoadAsync(db, calculator, code, parseResult.GetValue(period)!, parseResult.GetValue(year), ct);
            if (!data.IsOk)
            {
                error.WriteLine(data.Status == OutcomeStatus.NotFound
                    ? $"report: not found: {data.Message}"
                    : $"report: the span cannot be reported: {data.Message}");
                return CliApplication.InvalidInput;
            }

            var lang = ReportLanguage.Of(parseResult.GetValue(language))!;
            byte[] bytes;
            if (parseResult.GetValue(format) == ReportFormats.Statement)
            {
                var statement = parseResult.GetValue(party) is { } code2 ? PartyStatementPdf.Render(data.Value!, code2, lang) : null;
                if (statement is null)
                {
                    error.WriteLine("report: --format statement needs --party, a party of the settlement");
                    return CliApplication.InvalidInput;
                }

                bytes = statement;
            }
            else if (parseResult.GetValue(format) == ReportFormats.Xlsx)
            {
                var (ledger, results) = await PeriodWorkbook.ReadAsync(db, data.Value!, parseResult.GetValue(party), Actor.System, ct);
                bytes = PeriodWorkbook.Render(data.Value!, ledger, results, lang);
            }
            else
            {
                bytes = PeriodReportPdf.Render(data.Value!, lang);
            }

            WriteWhole(target, bytes);
            parseResult.InvocationConfiguration.Output.WriteLine($"report: wrote {target.Name} ({bytes.Length} bytes)");
            return CliApplication.Success;
        });
        return command;
    }

    /// <summary>Writes to a temporary file in the target's folder, then moves it over the target.</summary>
    internal static void WriteWhole(FileInfo target, byte[] bytes)
    {
        var folder = target.Directory ?? new DirectoryInfo(".");
        folder.Create();
        var temporary = Path.Combine(folder.FullName, $".{target.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, target.FullName, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

/// <summary>The formats <c>allianssi report</c> writes.</summary>
public static class ReportFormats
{
    public const string Pdf = "pdf";

    public const string Xlsx = "xlsx";

    public const string Fhir = "fhir";

    public const string Statement = "statement";

    internal static readonly string[] All = [Pdf, Xlsx, Fhir, Statement];
}
