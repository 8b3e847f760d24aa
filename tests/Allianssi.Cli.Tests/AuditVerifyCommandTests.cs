using Allianssi.Application.Data;
using Allianssi.Application.Security;
using Allianssi.Application.UseCases.Common;
using Allianssi.Cli;
using Allianssi.Cli.Commands;
using Microsoft.Data.Sqlite;

namespace Allianssi.Cli.Tests;

/// <summary><c>allianssi audit verify</c> on a real SQLite store: intact, then a row edited with raw SQL.</summary>
public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"allianssi-audit-{Guid.NewGuid():N}.db");

    private string Connection => $"Data Source={_file}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApplication.Run(args, output, error, _ => null);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task GivenARowEditedWithRawSql_WhenVerifying_ThenExitCodeIsNonZeroAndTheEntryIsNamed()
    {
        Assert.Equal(0, Run("db", "migrate", "--connection", Connection).Code);
        var time = TimeProvider.System;
        await using (var db = OperationalStore.Resolve(Connection, Path.GetTempPath()).CreateContext())
        {
            for (var i = 1; i <= 4; i++)
            {
                AuditLog.Record(db, time, new Actor("cli.tester", Roles.Admin, null), "test-action", "Test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { step = i });
                await db.SaveChangesAsync(CancellationToken.None);
            }
        }

        var intact = Run("audit", "verify", "--connection", Connection);
        Assert.Equal(0, intact.Code);
        // Entry 1 is the audited `db migrate` itself, then the four test entries.
        Assert.Contains("audit log intact: 5 entries", intact.Out, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection(Connection))
        {
            await connection.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER \"AuditLog_append_only_update\"; UPDATE \"AuditLog\" SET \"Actor\" = 'someone.else' WHERE \"Sequence\" = 3;";
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        var broken = Run("audit", "verify", "--connection", Connection);
        Assert.Equal(AuditCommand.Tampered, broken.Code);
        Assert.Contains("audit log broken at entry #3", broken.Err, StringComparison.Ordinal);
        Assert.Contains("the 2 entries before it check out", broken.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+49 123", "'+49 123")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void GivenACellThatASpreadsheetWouldRun_WhenExported_ThenItIsText(string cell, string expected) =>
        Assert.Equal(expected, SpreadsheetSafe.Text(cell));

    [Fact]
    public void GivenNumbersAndText_WhenWritingCsv_ThenNumbersStayNumbersAndTextIsNeutralisedAndQuoted()
    {
        var csv = SpreadsheetSafe.Csv(["amount", "note"], [[-1234.5m, "=HYPERLINK(\"x\")"], [2, "a,b"]]);

        Assert.Equal("amount,note\r\n-1234.5,\"'=HYPERLINK(\"\"x\"\")\"\r\n2,\"a,b\"\r\n", csv);
    }
}
