// «Записи 1–50 из 123» with previous/next and the page size. A list that counts only up to a limit says
// «из более чем 10 000»: the next page stays open while pages are full, the last page is unknown.

export type Paging = {
  page: number;
  pageSize: number;
  total: number;
  totalCapped?: boolean;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
};

export const PAGE_SIZES = [25, 50, 100, 200];

export function Pager({ page, pageSize, total, totalCapped, onPageChange, onPageSizeChange }: Paging) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = totalCapped ? page * pageSize : Math.min(total, page * pageSize);
  return (
    <div className="pager" role="navigation" aria-label="Страницы">
      <span className="pager-range" data-testid="pager-range">
        Записи {first}–{last} из {totalCapped ? `более чем ${total.toLocaleString('ru-RU')}` : total}
      </span>
      <button type="button" onClick={() => onPageChange(1)} disabled={page <= 1} title="Первая страница">
        «
      </button>
      <button
        type="button"
        onClick={() => onPageChange(page - 1)}
        disabled={page <= 1}
        title="Предыдущая страница (PageUp)"
        aria-label="Предыдущая страница"
      >
        ‹ Назад
      </button>
      <span className="pager-page">
        Стр. {page}
        {totalCapped ? '' : ` из ${pages}`}
      </span>
      <button
        type="button"
        onClick={() => onPageChange(page + 1)}
        disabled={totalCapped ? false : page >= pages}
        title="Следующая страница (PageDown)"
        aria-label="Следующая страница"
      >
        Вперёд ›
      </button>
      <button
        type="button"
        onClick={() => onPageChange(pages)}
        disabled={totalCapped || page >= pages}
        title="Последняя страница"
      >
        »
      </button>
      {onPageSizeChange && (
        <label className="pager-size">
          По
          <select value={pageSize} onChange={(event) => onPageSizeChange(Number(event.target.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
          строк
        </label>
      )}
    </div>
  );
}
