using Allianssi.Import.Identity;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Allianssi.Import.Tests;

public sealed class IdentityTests
{
    [Fact]
    public void GivenManyStartsAtOnceInDemoMode_WhenEachLoadsTheUploadKey_ThenTheyAllGetTheOneKeyTheFileHolds()
    {
        // Test hosts start in parallel over one data folder; each used to create the key file with CreateNew, and the
        // loser of the race failed with "already exists" (seen in CI) or read a file not yet written.
        var directory = Path.Combine(Path.GetTempPath(), "allianssi-key-race-" + Guid.NewGuid().ToString("N"));
        try
        {
            var keys = new byte[16][];
            Parallel.For(0, keys.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => keys[i] = SecretKey.Upload.Load(directory, demoMode: true, _ => null));

            var stored = SecretKey.Upload.Load(directory, demoMode: false, _ => null);
            Assert.All(keys, k => Assert.Equal(stored, k));
            Assert.Equal([Path.Combine(directory, SecretKey.Upload.FileName)], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void GivenAKeyFileStillBeingWritten_WhenAnotherLoadsIt_ThenItWaitsForTheWriterAndGetsTheWholeKey()
    {
        // The writer holds the key file's gate, as a process making the key does (another process: the gate is machine-wide).
        var directory = Path.Combine(Path.GetTempPath(), "allianssi-key-gate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, SecretKey.Pseudonym.FileName);
        var whole = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        using var gate = new Mutex(false, SecretKey.GateName(path));
        try
        {
            gate.WaitOne();
            // Its first 24 characters are 18 bytes: a key of its own to a reader that does not wait.
            File.WriteAllText(path, whole[..24]);
            byte[]? loaded = null;
            var reader = new Thread(() => loaded = SecretKey.Pseudonym.Load(directory, demoMode: true, _ => null));
            reader.Start();

            Assert.False(reader.Join(TimeSpan.FromMilliseconds(500)), "the reader must wait while the key file's gate is held");
            File.WriteAllText(path, whole);
            gate.ReleaseMutex();

            Assert.True(reader.Join(TimeSpan.FromSeconds(30)));
            Assert.Equal(Convert.FromBase64String(whole), loaded);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Property]
    public Property GivenASyntheticHetu_ThenItValidatesAndYieldsBirthDateAndSex()
    {
        var gen = from days in Gen.Choose(0, 365 * 220)
                  from individual in Gen.Choose(2, 999)
                  select (Birth: new DateOnly(1800, 1, 1).AddDays(days), Individual: individual);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var hetu = TestHetu.Make(t.Birth, t.Individual);
            var validity = Henkilotunnus.Validate(hetu, out var birth, out var sex);
            return validity == HetuValidity.Valid && birth == t.Birth && sex == (t.Individual % 2 == 1 ? 'M' : 'F')
                && Henkilotunnus.Validate(TestHetu.WithWrongCheck(hetu), out _, out _) == HetuValidity.BadCheckCharacter;
        });
    }

    [Theory]
    [InlineData('Y')]
    [InlineData('X')]
    [InlineData('W')]
    [InlineData('V')]
    [InlineData('U')]
    public void GivenTheNewCenturySignsOfThe1900s_ThenTheYearIs19xx(char sign)
    {
        var hetu = TestHetu.Make(new DateOnly(1985, 6, 30), 904, sign);
        Assert.Equal(HetuValidity.Valid, Henkilotunnus.Validate(hetu, out var birth, out _));
        Assert.Equal(1985, birth.Year);
    }

    [Fact]
    public void GivenAnImpossibleDate_ThenItIsNotValid() =>
        Assert.Equal(HetuValidity.ImpossibleDate, Henkilotunnus.Validate("300222A9040", out _, out _));

    [Fact]
    public void GivenOtherIdentifiers_ThenTheyAreNotTreatedAsHetu() =>
        Assert.Equal(HetuValidity.NotAHetu, Henkilotunnus.Validate("PAT-000123", out _, out _));

    [Fact]
    public void GivenOneIdentifierInTwoCases_ThenThePseudonymIsTheSameAndKeyed()
    {
        var hetu = TestHetu.Make(new DateOnly(2004, 2, 29), 905);
        var p = new Pseudonymiser(ImportFixture.Key);
        var a = p.Pseudonymise(Pseudonymiser.Normalise(" " + hetu.ToLowerInvariant() + " "));
        Assert.Equal(a, p.Pseudonymise(Pseudonymiser.Normalise(hetu)));
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, new Pseudonymiser(new byte[32]).Pseudonymise(hetu));
    }

    [Fact]
    public void GivenAPersonsFileWithoutBirthDateOrSex_ThenTheyAreDerivedFromTheHetu()
    {
        using var fixture = new ImportFixture();
        var hetu = TestHetu.Make(new DateOnly(1948, 12, 24), 907);
        var result = fixture.Import("persons", $"person_id;birth_date;sex;municipality_code\n{hetu};;;837\nOTHER-1;;;837\n");
        Assert.Equal(2, result.Accepted);
        var rows = fixture.Rows("SELECT person_id, birth_date, sex FROM persons ORDER BY birth_date NULLS LAST");
        Assert.Equal((fixture.Pseudonymiser.Pseudonymise(hetu), new DateOnly(1948, 12, 24), "M"),
            ((string)rows[0][0]!, (DateOnly)rows[0][1]!, (string)rows[0][2]!));
        Assert.Null(rows[1][1]);
    }

    [Fact]
    public void GivenNoKeyOutsideDemoMode_ThenLoadingFailsClearly()
    {
        var dir = Path.Combine(Path.GetTempPath(), "allianssi-key-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<InvalidOperationException>(() => PseudonymKey.Load(dir, demoMode: false, environment: ""));
        Assert.Contains(PseudonymKey.EnvironmentVariable, e.Message, StringComparison.Ordinal);
        var generated = PseudonymKey.Load(dir, demoMode: true, environment: "");
        Assert.Equal(generated, PseudonymKey.Load(dir, demoMode: false, environment: ""));
        Directory.Delete(dir, true);
    }
}
