using System.Text.RegularExpressions;

namespace Allianssi.IntegrationTests;

/// <summary>docs/error-codes.md names every stable error code outside import that the source raises (issue 13 item 7).</summary>
public sealed partial class ErrorCodeDocsTests
{
    [Fact]
    public void GivenTheSource_ThenEveryStartupSandboxStoredDataOrganiserFormAndWhatIfCodeIsInDocsErrorCodesMd()
    {
        var documented = File.ReadAllText(Path.Combine(ArchitectureTests.RepositoryRoot(), "docs", "error-codes.md"));
        var codes = SourceCodes();

        Assert.Contains("CFG004", codes);
        Assert.Contains("SBX014", codes);
        Assert.Contains("STO001", codes);
        Assert.Contains("organiser.levelsNotMonotone", codes);
        Assert.Contains("form.ceilingNotPositive", codes);
        Assert.Contains("whatIf.levelsNotMonotone", codes);
        Assert.Contains("scoring.noLevels", codes);
        Assert.Contains("scenario.kraWeightsSum", codes);
        Assert.Contains("notFound.period", codes);
        Assert.Contains("forbidden.weights", codes);
        Assert.Contains("conflict.lastAdmin", codes);
        Assert.Contains("unauthorized.notSignedIn", codes);
        Assert.True(codes.Count > 60, $"only {codes.Count} codes found");
        Assert.Empty(codes.Where(c => !documented.Contains("`" + c + "`", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GivenTheSource_ThenEveryNotFoundForbiddenConflictAndUnauthorizedCodeHasAFinnishAndAnEnglishTextTakingTheSameValues()
    {
        var codes = SourceCodes()
            .Where(c => c.StartsWith("notFound.", StringComparison.Ordinal) || c.StartsWith("forbidden.", StringComparison.Ordinal) || c.StartsWith("conflict.", StringComparison.Ordinal) || c.StartsWith("unauthorized.", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(codes.Count > 40, $"only {codes.Count} codes found");
        ValidationTexts.AssertEachInFinnishAndEnglish(codes);
    }

    private static HashSet<string> SourceCodes() =>
        Directory.EnumerateFiles(Path.Combine(ArchitectureTests.RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Code().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"""((?:CFG|SBX|STO)\d{3}|(?:organiser|form|whatIf|scoring|scenario|notFound|forbidden|conflict|unauthorized)\.[A-Za-z]+)""")]
    private static partial Regex Code();
}
