using System.Text;
using Allianssi.Import.Synthetic;

namespace Allianssi.Import.Tests.Synthetic;

/// <summary>A minimal reader of the generator's own files (';', Windows-1252, quoted fields), independent of the importer.</summary>
internal static class GeneratedCsv
{
    public static (string[] Header, List<string[]> Rows) Read(string directory, string dataset)
    {
        var text = File.ReadAllText(Path.Combine(directory, dataset + ".csv"), FinnishCsvWriter.Windows1252);
        var records = Split(text);
        return (records[0], records.Skip(1).ToList());
    }

    public static IEnumerable<Dictionary<string, string>> Rows(string directory, string dataset)
    {
        var (header, rows) = Read(directory, dataset);
        foreach (var row in rows)
        {
            var record = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                record[header[i]] = row[i];
            }

            yield return record;
        }
    }

    private static List<string[]> Split(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return records;
    }

    public static DateOnly Date(string finnish)
    {
        var parts = finnish.Split('.');
        return new DateOnly(int.Parse(parts[2]), int.Parse(parts[1]), int.Parse(parts[0]));
    }
}

/// <summary>One small generated data set shared by the tests of a class.</summary>
public sealed class GeneratedDataSet : IDisposable
{
    public GeneratedDataSet()
    {
        Directory = Path.Combine(Path.GetTempPath(), "allianssi-generator-" + Guid.NewGuid().ToString("N"));
        Summary = SyntheticDataGenerator.Generate(Options, Directory);
    }

    public static GenerationOptions Options { get; } = new(Residents: 12_000, Seed: 7, FromYear: 2020, ToYear: 2020);

    public string Directory { get; }

    public GenerationSummary Summary { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
