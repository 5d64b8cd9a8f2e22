package org.jiedao.hub.loaders.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/**
 * Excel workbooks (Office Open XML {@code .xlsx}, ECMA-376; read with Apache POI). One sheet is read: the one named
 * by {@code file.sheet}, else the first. Its first row is the header; every later row that is not empty is one record,
 * located as {@code <file> <sheet>!row <n>} with {@code n} the row number Excel shows.
 *
 * <p>Cell values become text as a person sees them in Excel: text as is; integral numbers without {@code .0}
 * ({@code 3}, not {@code 3.0}); other numbers rounded to Excel's 15 significant digits; date-formatted cells as
 * ISO-8601 ({@code 2020-03-05}, or {@code 2020-03-05T08:30} when the cell has a time of day); booleans as
 * {@code TRUE}/{@code FALSE}; formulas by their cached result. A blank cell is {@code null}.
 *
 * <p><b>Long identifiers typed as numbers.</b> Excel keeps at most 15 significant digits of a number (Microsoft,
 * "Excel specifications and limits": number precision 15 digits) and shows an 18-digit ID number typed as a number
 * as {@code 1.10102E+17}; its last digits are gone. So a numeric cell whose magnitude is at least 10<sup>15</sup>
 * (16 or more integer digits: ID numbers, bank accounts, long codes; no count or amount of a sub-district comes
 * near it) cannot be trusted. Its record comes back broken, naming the column, the cell and what Excel holds,
 * asking for identifiers to be stored as text; it is never "repaired". The check applies to the columns the source
 * reads ({@code columns}), or to every column if none are given. Numbers below 10<sup>15</sup> are exact
 * (15-digit old ID numbers, 11-digit mobile numbers) and are read as their digits.
 *
 * <p>A row with a formula error ({@code #N/A}, {@code #VALUE!}) or with a value right of the header's last column
 * comes back broken. A workbook that cannot be opened (not a workbook, corrupt, encrypted), has no such sheet, no
 * header row or a duplicated column name is rejected whole ({@link UnreadableSourceException}). The {@code encoding}
 * argument is ignored: the format declares its own.
 */
public final class ExcelRecordReader implements RecordReader {
    /** Numbers of this magnitude and above have more digits than Excel keeps (15 significant). */
    static final double LONG_NUMBER = 1e15;
    private static final MathContext EXCEL_PRECISION = new MathContext(15);
    private final String sheetName;
    private final Set<String> checkedColumns;

    /**
     * @param sheetName      the sheet to read; null for the first
     * @param checkedColumns the columns in which long numbers are refused; empty for all
     */
    public ExcelRecordReader(String sheetName, Set<String> checkedColumns) {
        this.sheetName = sheetName;
        this.checkedColumns = checkedColumns == null ? Set.of() : Set.copyOf(checkedColumns);
    }

    /** A reader of the first sheet that checks every column. */
    public ExcelRecordReader() {
        this(null, Set.of());
    }

    @Override
    public List<RawRecord> read(String fileName, byte[] content, String encoding) throws UnreadableSourceException {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            return read(fileName, sheet(fileName, workbook));
        } catch (EncryptedDocumentException e) {
            throw new UnreadableSourceException(fileName + ": rejected whole: the workbook is password-protected"
                    + " (encrypted); save it without a password: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableSourceException(fileName + ": rejected whole: not a readable .xlsx workbook: "
                    + e.getMessage(), e);
        }
    }

    private Sheet sheet(String fileName, Workbook workbook) throws UnreadableSourceException {
        if (workbook.getNumberOfSheets() == 0) {
            throw new UnreadableSourceException(fileName + ": rejected whole: the workbook has no sheet");
        }
        if (sheetName == null) {
            return workbook.getSheetAt(0);
        }
        Sheet sheet = workbook.getSheet(sheetName);
        if (sheet == null) {
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            throw new UnreadableSourceException(fileName + ": rejected whole: 没有工作表 / no sheet named '" + sheetName
                    + "'; its sheets are " + names);
        }
        return sheet;
    }

    private List<RawRecord> read(String fileName, Sheet sheet) throws UnreadableSourceException {
        String where = fileName + " " + sheet.getSheetName() + "!row ";
        Row headerRow = sheet.getRow(sheet.getFirstRowNum());
        if (sheet.getPhysicalNumberOfRows() == 0 || headerRow == null || isEmpty(headerRow)) {
            throw new UnreadableSourceException(fileName + ": rejected whole: sheet '" + sheet.getSheetName()
                    + "' has no header row");
        }
        List<String> header = header(fileName, headerRow);
        List<RawRecord> out = new ArrayList<>();
        for (int r = headerRow.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null || isEmpty(row)) {
                continue;
            }
            out.add(record(where + (r + 1), header, row));
        }
        return out;
    }

    private static List<String> header(String fileName, Row row) throws UnreadableSourceException {
        List<String> header = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            Cell cell = row.getCell(c);
            String name = cell == null ? null : display(cell);
            name = name == null || name.isBlank() ? CellReference.convertNumToColString(c) : name.strip();
            if (header.contains(name)) {
                throw new UnreadableSourceException(fileName + ": rejected whole: 表头重复 / the header names column '"
                        + name + "' twice");
            }
            header.add(name);
        }
        return header;
    }

    private RawRecord record(String location, List<String> header, Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int c = 0; c < Math.max(header.size(), row.getLastCellNum()); c++) {
            Cell cell = row.getCell(c);
            String ref = new CellReference(row.getRowNum(), c).formatAsString();
            if (c >= header.size()) {
                if (cell != null && display(cell) != null) {
                    problems.add("单元格 " + ref + " 在表头之外 / cell " + ref + " holds '" + display(cell)
                            + "' right of the header's last column");
                }
                continue;
            }
            String column = header.get(c);
            if (cell == null) {
                values.put(column, null);
                continue;
            }
            CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
            if (type == CellType.ERROR) {
                String error = FormulaError.forInt(cell.getErrorCellValue()).getString();
                values.put(column, error);
                problems.add(column + "：单元格 " + ref + " 是错误值 " + error + " / cell " + ref + " holds the error " + error);
            } else if (type == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)
                    && Math.abs(cell.getNumericCellValue()) >= LONG_NUMBER && checked(column)) {
                String seen = new BigDecimal(cell.getNumericCellValue(), EXCEL_PRECISION).toPlainString();
                values.put(column, seen);
                problems.add("%s：单元格 %s 是数字 %s，超过 15 位有效数字，长号码（如身份证号）的末几位已丢失，请将标识号存为文本"
                        .formatted(column, ref, seen)
                        + " / column '%s', cell %s: a number (%s) of more than 15 significant digits; Excel keeps only 15,"
                        .formatted(column, ref, seen)
                        + " so the last digits of this long identifier are lost: store identifiers as text");
            } else {
                values.put(column, display(cell));
            }
        }
        return problems.isEmpty() ? RawRecord.of(location, values) : RawRecord.broken(location, values, String.join("; ", problems));
    }

    private boolean checked(String column) {
        return checkedColumns.isEmpty() || checkedColumns.contains(column);
    }

    private static boolean isEmpty(Row row) {
        for (Cell cell : row) {
            if (display(cell) != null) {
                return false;
            }
        }
        return true;
    }

    /** The cell as a person sees it (see the class comment); null for a blank cell or empty text. */
    static String display(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> {
                String s = cell.getStringCellValue();
                yield s == null || s.isEmpty() ? null : s;
            }
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? date(cell) : number(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> null;
        };
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < LONG_NUMBER) {
            return Long.toString((long) d);
        }
        return new BigDecimal(d, EXCEL_PRECISION).stripTrailingZeros().toPlainString();
    }

    private static String date(Cell cell) {
        double serial = cell.getNumericCellValue();
        LocalDateTime t = cell.getLocalDateTimeCellValue();
        if (serial < 1 && serial >= 0) {
            return t.toLocalTime().toString(); // a time of day without a date
        }
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
    }
}
