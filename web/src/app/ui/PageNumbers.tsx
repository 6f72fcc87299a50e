import { Group, Pagination } from '@mantine/core';

/** Numbered pages under a list whose total is known; nothing when it fits on one page. */
export function PageNumbers({
  total,
  pageSize,
  page,
  onChange,
}: {
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}) {
  if (total <= pageSize) return null;
  return (
    <Group justify="center" mt="md">
      <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={onChange} size="sm" siblings={1} boundaries={1} />
    </Group>
  );
}
