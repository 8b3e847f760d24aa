using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Allianssi.Import.Tests;

/// <summary>
/// The batch classification against a plain model of data-model.md's rules: random stored rows and a random second
/// file over a few keys and contents, with and without replace, imported by the stored rows' party or another (or none),
/// classified in one bucket and in many.
/// </summary>
public sealed class ClassificationPropertyTests
{
    private const string Header = "visit_id;person_id;unit_id;service;visit_on;cost_eur\n";

    private static readonly Gen<(int Key, int Content)[]> Rows =
        Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 5), Gen.Choose(1, 3)).Select(t => (t.Item1, t.Item2)));

    [Property(MaxTest = 25)]
    public Property GivenStoredRowsAndASecondFile_ThenCountsAndStoredRowsFollowTheModel_InOneBucketAndInMany()
    {
        var gen = from stored in Rows
                  from file in Rows
                  from replace in Gen.Elements(false, true)
                  from keysPerBucket in Gen.Elements(1, 2, BatchWriter.DefaultKeysPerBucket)
                  from storedParty in Gen.Elements<string?>("mehilainen", null)
                  from fileParty in Gen.Elements<string?>("mehilainen", "tampere", null)
                  select (Stored: stored, File: file, Replace: replace, KeysPerBucket: keysPerBucket, StoredParty: storedParty, FileParty: fileParty);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var model = new Model();
            model.Import(t.Stored, replace: false, ownsStored: true);
            var expected = model.Import(t.File, t.Replace, ownsStored: t.StoredParty == t.FileParty);

            using var fixture = new ImportFixture(new ImportOptions { CandidateKeysPerBucket = t.KeysPerBucket });
            fixture.ImportUnits();
            fixture.Import("visits", Csv(t.Stored, "a"), party: t.StoredParty);
            var actual = Counts(fixture.Import("visits", Csv(t.File, "b"), t.Replace, party: t.FileParty));
            var rows = fixture.Rows("SELECT visit_id, cost_eur FROM visits WHERE visit_id LIKE 'V%' ORDER BY visit_id")
                .Select(r => ((string)r[0]!, Convert.ToInt32(Convert.ToDecimal(r[1])))).ToList();
            var expectedRows = model.Stored.OrderBy(p => p.Key).Select(p => ($"V{p.Key}", p.Value)).ToList();
            return (actual == expected && rows.SequenceEqual(expectedRows))
                .Label($"counts {actual} expected {expected}; rows [{string.Join(" ", rows)}] expected [{string.Join(" ", expectedRows)}]");
        });
    }

    private static (int Accepted, int Rejected, int Duplicates, int Conflicts, int Replaced) Counts(ImportResult r) =>
        (r.Accepted, r.Rejected, r.Duplicates, r.Conflicts, r.Replaced);

    // Each file ends with a row of its own key (Xa, Xb), so two otherwise equal files never share a SHA-256.
    private static string Csv((int Key, int Content)[] rows, string file) =>
        Header + string.Concat(rows.Select(r => $"V{r.Key};PAT-1;TESOMA;dental;1.4.2024;{r.Content}\n")) + $"X{file};PAT-1;TESOMA;dental;1.4.2024;0\n";

    /// <summary>data-model.md's rules, row by row; replace reaches only the stored rows of the importing party.</summary>
    private sealed class Model
    {
        public Dictionary<int, int> Stored { get; } = [];

        public (int Accepted, int Rejected, int Duplicates, int Conflicts, int Replaced) Import((int Key, int Content)[] rows, bool replace, bool ownsStored)
        {
            int accepted = 0, rejected = 0, duplicates = 0, conflicts = 0, replaced = 0;
            var first = new Dictionary<int, int>();
            var previous = new Dictionary<int, int>();
            var winners = new Dictionary<int, int>();
            foreach (var (key, content) in rows)
            {
                // Another party's stored row is compared as without replace: the same content is a duplicate, else a conflict.
                if (!replace || (!ownsStored && Stored.ContainsKey(key)))
                {
                    // The reference row is the stored one, else the file's first row of the key.
                    int? reference = Stored.TryGetValue(key, out var s) ? s : first.TryGetValue(key, out var f) ? f : null;
                    if (reference is null)
                    {
                        first[key] = content;
                        winners[key] = content;
                        accepted++;
                    }
                    else if (reference == content)
                    {
                        duplicates++;
                        accepted++;
                    }
                    else
                    {
                        conflicts++;
                        rejected++;
                    }
                }
                else
                {
                    // Each row against the previous row of its key, or the stored row for the first; the last differing row wins.
                    int? reference = previous.TryGetValue(key, out var p) ? p : Stored.TryGetValue(key, out var s) ? s : null;
                    accepted++;
                    if (reference is null)
                    {
                        winners[key] = content;
                    }
                    else if (reference == content)
                    {
                        duplicates++;
                    }
                    else
                    {
                        winners[key] = content;
                        replaced++;
                        conflicts++;
                    }

                    previous[key] = content;
                }
            }

            foreach (var (key, content) in winners)
            {
                Stored[key] = content;
            }

            // The file's extra row with its own key (X...) is new; it is counted but kept out of the model's store.
            return (accepted + 1, rejected, duplicates, conflicts, replaced);
        }
    }
}
