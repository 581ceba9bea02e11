using System.Buffers.Binary;
using System.Text;

namespace StrategyPortal.IntegrationTests.Engagement;

/// <summary>
/// Reads a SQLite database file the way someone with a copy of it could (https://www.sqlite.org/fileformat2.html): every
/// cell of a b-tree with the values of its record, where it sits (page, offset in the page). Within a page SQLite puts each
/// new cell's content below the previous one, so sorting a b-tree's cells by page and then by descending offset gives the
/// order they were written in — unless something rewrote them.
/// </summary>
public sealed class SqlitePages
{
    private readonly byte[] _file;
    private readonly int _pageSize;

    public SqlitePages(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            _file = new byte[stream.Length];
            stream.ReadExactly(_file);
        }
        if (Encoding.ASCII.GetString(_file, 0, 15) != "SQLite format 3") throw new InvalidDataException("Not a SQLite database file.");
        var size = BinaryPrimitives.ReadUInt16BigEndian(_file.AsSpan(16));
        _pageSize = size == 1 ? 65536 : size;
    }

    /// <summary>Pages on the free list (header offset 36): pages that held rows once and may still hold their bytes.</summary>
    public int FreePages => (int)BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(36));

    public sealed record Cell(int Page, int Offset, IReadOnlyList<object?> Values);

    /// <summary>Every cell of the b-tree rooted at <paramref name="rootPage"/>, in the order they were written as far as the file tells.</summary>
    public IReadOnlyList<Cell> WriteOrder(int rootPage) =>
        Cells(rootPage).OrderBy(c => c.Page).ThenByDescending(c => c.Offset).ToList();

    public IReadOnlyList<Cell> Cells(int rootPage)
    {
        var cells = new List<Cell>();
        var pages = new Stack<int>([rootPage]);
        while (pages.Count > 0)
        {
            var page = pages.Pop();
            var start = (page - 1) * _pageSize;
            var header = start + (page == 1 ? 100 : 0);
            var type = _file[header];
            var interior = type is 0x02 or 0x05;
            var count = BinaryPrimitives.ReadUInt16BigEndian(_file.AsSpan(header + 3));
            if (interior) pages.Push((int)BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(header + 8)));
            var pointers = header + (interior ? 12 : 8);
            for (var i = 0; i < count; i++)
            {
                var offset = BinaryPrimitives.ReadUInt16BigEndian(_file.AsSpan(pointers + 2 * i));
                var at = start + offset;
                if (interior)
                {
                    pages.Push((int)BinaryPrimitives.ReadUInt32BigEndian(_file.AsSpan(at)));
                    at += 4;
                    if (type == 0x05) continue; // a table's interior cell holds only a rowid
                }
                var payload = Varint(ref at);
                if (type == 0x0d) Varint(ref at); // a rowid table's leaf: the rowid
                cells.Add(new Cell(page, offset, Record(at, (int)payload)));
            }
        }
        return cells;
    }

    /// <summary>Bytes of the big-endian integer of serial types 1 to 6.</summary>
    private static readonly int[] IntegerLengths = [0, 1, 2, 3, 4, 6, 8];

    private IReadOnlyList<object?> Record(int at, int payload)
    {
        var start = at;
        var headerSize = (int)Varint(ref at);
        var body = start + headerSize;
        var values = new List<object?>();
        while (at < start + headerSize)
        {
            var serial = Varint(ref at);
            switch (serial)
            {
                case 0: values.Add(null); break;
                case >= 1 and <= 6:
                    var length = IntegerLengths[serial];
                    long value = (sbyte)_file[body];
                    for (var i = 1; i < length; i++) value = (value << 8) | _file[body + i];
                    values.Add(value);
                    body += length;
                    break;
                case 7: values.Add(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(_file.AsSpan(body)))); body += 8; break;
                case 8: values.Add(0L); break;
                case 9: values.Add(1L); break;
                default:
                    var size = (int)((serial - (serial % 2 == 0 ? 12 : 13)) / 2);
                    // Only what fits in this page is read: the anonymous tables' rows never overflow.
                    var available = Math.Max(0, Math.Min(size, start + payload - body));
                    values.Add(serial % 2 == 0 ? _file.AsSpan(body, available).ToArray() : Encoding.UTF8.GetString(_file, body, available));
                    body += size;
                    break;
            }
        }
        return values;
    }

    private long Varint(ref int at)
    {
        long value = 0;
        for (var i = 0; i < 9; i++)
        {
            var b = _file[at++];
            if (i == 8) return (value << 8) | b;
            value = (value << 7) | (long)(b & 0x7f);
            if ((b & 0x80) == 0) return value;
        }
        return value;
    }
}
