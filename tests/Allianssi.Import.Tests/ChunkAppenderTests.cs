using DuckDB.NET.Data;

namespace Allianssi.Import.Tests;

public sealed class ChunkAppenderTests
{
    private const int Rows = 5_000; // more than two of DuckDB's 2,048-row chunks

    [Fact]
    public void GivenRowsOfEveryStoreTypeWithNulls_WhenAppendedAcrossChunks_ThenDuckDbReadsBackTheSameValues()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, """
            CREATE TABLE t (batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL, text VARCHAR, day DATE, stamp TIMESTAMP, money DECIMAL(18, 2),
              number DOUBLE, whole INTEGER, whole_as_number DOUBLE, flag BOOLEAN)
            """);
        Execute(connection, "BEGIN TRANSACTION");
        var expected = Enumerable.Range(0, Rows).Select(Row).ToList();
        using (var appender = new ChunkAppender(connection, "t"))
        using (var chunk = appender.CreateChunk())
        {
            foreach (var (row, values) in expected.Select((v, i) => (i, v)))
            {
                if (chunk.Add(42, row, values))
                {
                    appender.Append(chunk);
                    Assert.Equal(0UL, chunk.Count);
                }
            }

            appender.Append(chunk);
            appender.Close();
        }

        Execute(connection, "COMMIT");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM t ORDER BY row_no";
        using var reader = command.ExecuteReader();
        var read = 0;
        while (reader.Read())
        {
            Assert.Equal(42L, reader.GetInt64(0));
            var row = reader.GetInt32(1);
            Assert.Equal(read, row);
            var values = expected[row];
            Assert.Equal((string?)values[0], reader.IsDBNull(2) ? null : reader.GetString(2));
            Assert.Equal((DateOnly?)values[1], reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3));
            Assert.Equal((DateTime?)values[2], reader.IsDBNull(4) ? null : reader.GetDateTime(4));
            Assert.Equal((decimal?)values[3], reader.IsDBNull(5) ? null : reader.GetDecimal(5));
            Assert.Equal((double?)values[4], reader.IsDBNull(6) ? null : reader.GetDouble(6));
            Assert.Equal((int?)values[5], reader.IsDBNull(7) ? null : reader.GetInt32(7));
            Assert.Equal(values[6] is int w ? (double?)w : null, reader.IsDBNull(8) ? null : reader.GetDouble(8));
            Assert.Equal((bool?)values[7], reader.IsDBNull(9) ? null : reader.GetBoolean(9));
            read++;
        }

        Assert.Equal(Rows, read);
    }

    [Fact]
    public void GivenAValueOfTheWrongTypeForItsColumn_ThenAppendingFailsInsteadOfStoringSomething()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE t (batch_id BIGINT NOT NULL, row_no INTEGER NOT NULL, day DATE)");
        using var appender = new ChunkAppender(connection, "t");
        using var chunk = appender.CreateChunk();
        Assert.Throws<InvalidOperationException>(() => chunk.Add(1, 1, ["2024-01-01"]));
        Assert.Throws<ArgumentException>(() => chunk.Add(1, 1, [new DateOnly(2024, 1, 1), 1]));
    }

    /// <summary>Each column null in a different pattern, so nulls fall in every chunk and next to values.</summary>
    private static object?[] Row(int i) =>
    [
        i % 7 == 3 ? null : i % 3 == 0 ? $"lyhyt {i}" : i % 3 == 1 ? $"Pitkä merkkijono yli kahdentoista tavun, rivi {i} — äöå €" : new string('x', 1500 + (i % 10)),
        i % 11 == 5 ? null : new DateOnly(1930, 1, 1).AddDays(i * 13),
        i % 13 == 7 ? null : new DateTime(1965, 3, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(i * 997.5),
        i % 5 == 2 ? null : (i - 2500) * 1.37m,
        i % 17 == 1 ? null : i * 0.125 - 300.5,
        i % 19 == 4 ? null : i * 3 - 7000,
        i % 23 == 8 ? null : i,
        i % 2 == 0 ? null : i % 4 == 1,
    ];

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
