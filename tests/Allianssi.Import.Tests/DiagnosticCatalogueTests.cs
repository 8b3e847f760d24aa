using System.Text.RegularExpressions;
using Allianssi.Import.Diagnostics;

namespace Allianssi.Import.Tests;

public sealed partial class DiagnosticCatalogueTests
{
    [Fact]
    public void GivenTheCodeConstants_ThenEveryCodeIsUniqueAndWellFormed()
    {
        var fields = typeof(DiagnosticCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Equal(fields.Count, fields.Distinct(StringComparer.Ordinal).Count());
        Assert.All(fields, c => Assert.Matches("^IMP[0-2][0-9]{2}$", c));
        Assert.Equal(fields.Count, DiagnosticCodes.All.Count);
    }

    [Fact]
    public void GivenTheCatalogueDocument_ThenItListsExactlyTheCodesOfTheCode()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "import-diagnostics.md"));
        var documented = CatalogueRow().Matches(doc).Select(m => (Code: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        Assert.Equal(documented.Count, documented.Select(d => d.Code).Distinct().Count());
        Assert.Equal(
            DiagnosticCodes.All.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"),
            documented.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => $"{d.Code} {d.Name}"));
    }

    [GeneratedRegex(@"^\| (IMP\d{3}) \| (\w+) \|", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();
}
