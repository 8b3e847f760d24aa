using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Allianssi.IntegrationTests;

/// <summary>docs/architecture.md's project table is the source tree's: every project, its references, no cycle.</summary>
public sealed partial class ArchitectureTests
{
    [Fact]
    public void GivenTheProjectFiles_ThenTheirReferencesAreTheOnesDocsArchitectureMdNames_AndFormNoCycle()
    {
        var root = RepositoryRoot();
        var actual = Directory.GetDirectories(Path.Combine(root, "src"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
            .Where(File.Exists)
            .ToDictionary(
                p => Path.GetFileNameWithoutExtension(p),
                p => XDocument.Load(p).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                    .ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

        var text = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var table = text[text.IndexOf("<!-- project-references", StringComparison.Ordinal)..text.IndexOf("<!-- /project-references -->", StringComparison.Ordinal)];
        var documented = Row().Matches(table).ToDictionary(
            m => m.Groups["project"].Value,
            m => m.Groups["references"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(r => r != "(none)").Select(r => "Allianssi." + r).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

        Assert.Equal(actual.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in actual)
        {
            Assert.True(references.SetEquals(documented[project]),
                $"{project} references {string.Join(", ", references.Order(StringComparer.Ordinal))}; docs/architecture.md says {string.Join(", ", documented[project].Order(StringComparer.Ordinal))}");
        }

        // One-way: a topological order exists.
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (done.Count < actual.Count)
        {
            var next = actual.Keys.Where(p => !done.Contains(p) && actual[p].All(done.Contains)).ToList();
            Assert.True(next.Count > 0, "the project references form a cycle among " + string.Join(", ", actual.Keys.Except(done)));
            done.UnionWith(next);
        }
    }

    /// <summary>
    /// The feature folders of the use cases call one another one way only (issue 13 item 5): the
    /// result of a scope (Results) uses the scoring model (Scoring) and approvals (Approvals) use both,
    /// and no folder is in a cycle.
    /// </summary>
    [Fact]
    public void GivenTheUseCaseFolders_ThenTheyAreInNoCycle()
    {
        var useCases = Path.Combine(RepositoryRoot(), "src", "Allianssi.Application", "UseCases");
        var folders = Directory.GetDirectories(useCases).Select(Path.GetFileName).OfType<string>().ToList();
        // A using or a fully qualified name (UseCases.Scoring), or a name qualified from a sibling folder (Scoring.Settlements).
        var names = string.Join('|', folders);
        var reference = new Regex(@"UseCases\.(?<folder>" + names + @")\b|(?<![\w.])(?<folder>" + names + @")\.[A-Z]");
        var uses = folders.ToDictionary(
            f => f,
            f => Directory.GetFiles(Path.Combine(useCases, f), "*.cs", SearchOption.AllDirectories)
                .SelectMany(file => reference.Matches(File.ReadAllText(file)).Select(m => m.Groups["folder"].Value))
                .Where(other => other != f).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

        Assert.Contains("Scoring", uses["Results"]);
        Assert.Contains("Results", uses["Approvals"]);
        foreach (var folder in folders)
        {
            // The folders that reach back to this one through the ones it uses.
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var next = new Queue<string>(uses[folder]);
            while (next.TryDequeue(out var f))
            {
                if (reached.Add(f))
                {
                    foreach (var g in uses[f])
                    {
                        next.Enqueue(g);
                    }
                }
            }

            Assert.False(reached.Contains(folder), $"UseCases/{folder} is in a cycle: it uses {string.Join(", ", uses[folder].Order(StringComparer.Ordinal))}, and they lead back to it");
        }
    }

    /// <summary>The checkout's root folder (the one with Allianssi.slnx).</summary>
    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Allianssi.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Allianssi.slnx not found above the test's folder");
    }

    [GeneratedRegex(@"^\| `(?<project>Allianssi\.[A-Za-z]+)` \| (?<references>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();
}
