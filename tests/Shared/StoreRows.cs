using System.Globalization;
using Allianssi.Store;
using DuckDB.NET.Data;

namespace Allianssi.TestSupport;

/// <summary>
/// Test data written straight into an analytical store's tables, and rows read back by SQL: the same few lines every
/// test project needs (this file is linked into each, see tests/Shared).
/// </summary>
internal sealed class StoreRows : IDisposable
{
    private readonly DuckDBConnection _connection;
    private int _row;

    private StoreRows(string path)
    {
        new AnalyticalStore(path).EnsureSchema();
        _connection = new DuckDBConnection($"Data Source={path}");
        _connection.Open();
    }

    /// <summary>Opens a store file (created with its schema when absent) for writing test rows.</summary>
    public static StoreRows Open(string path) => new(path);

    /// <summary>Inserts one row of batch 1, numbered after the rows inserted before, with <paramref name="values"/> for <paramref name="columns"/>.</summary>
    public void Insert(string table, string columns, params object?[] values)
    {
        using var command = _connection.CreateCommand();
        var all = new object?[] { 1L, ++_row }.Concat(values).ToArray();
        command.CommandText = $"INSERT INTO {table} (batch_id, row_no, {columns}) VALUES ({string.Join(", ", all.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        for (var i = 0; i < all.Length; i++)
        {
            command.Parameters.Add(new DuckDBParameter("p" + i.ToString(CultureInfo.InvariantCulture), all[i] ?? DBNull.Value));
        }

        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Loads CSV files (<c>{dataset}.csv</c> in <paramref name="directory"/>, semicolon-separated, headers naming the
    /// columns), one batch per file, each row numbered; <c>reimbursable</c> is read from 1/0.
    /// </summary>
    public void LoadCsvFiles(string directory, IEnumerable<string> datasets)
    {
        var batch = 0;
        foreach (var dataset in datasets)
        {
            var file = Path.Combine(directory, dataset + ".csv");
            var columns = File.ReadLines(file).First().Split(';');
            var values = string.Join(", ", columns.Select(c => c == "reimbursable" ? "(reimbursable = '1')" : c));
            using var command = _connection.CreateCommand();
            command.CommandText = $"INSERT INTO {dataset} (batch_id, row_no, {string.Join(", ", columns)}) "
                + $"SELECT {++batch}, CAST(row_number() OVER () AS INTEGER), {values} FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', delim = ';', header = true, all_varchar = true)";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The rows a query returns, each as its values (null for SQL NULL).</summary>
    public static List<object?[]> Read(DuckDBConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => _connection.Dispose();
}
