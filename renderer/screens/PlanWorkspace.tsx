import { formatFiscalYearRange } from '../../shared/fiscal-year';
import type { PlanDetail } from '../../shared/domain/plan';
import { PlanTree } from '../components/PlanTree';
import { usePlanStore } from '../stores/plan-store';
import type { PlanNode } from '../stores/plan-store';
import { ItemDetail } from './ItemDetail';
import { ItemTable } from './ItemTable';

function nodeCaption(plan: PlanDetail, node: PlanNode): { title: string; lead: string } {
  if (node.kind === 'priority') {
    const p = plan.priorities.find((x) => x.id === node.id);
    if (p) return { title: `重点項目${p.number}　${p.title}`, lead: p.leadText };
  }
  if (node.kind === 'area') {
    for (const p of plan.priorities) {
      const a = p.areas.find((x) => x.id === node.id);
      if (a) return { title: `重点項目${p.number}　(${a.number}) ${a.title}`, lead: a.leadText };
    }
  }
  return { title: `${plan.title}　全改革項目`, lead: '' };
}

/** 重点項目 / 分野 tree, the item list of the chosen node, and the item detail. */
export function PlanWorkspace({ plan }: { plan: PlanDetail }) {
  const { node, items, itemsLoading, selectedItemId, history, selectNode, selectItem, saveItem } =
    usePlanStore();
  const caption = nodeCaption(plan, node);
  const selected = items.find((i) => i.id === selectedItemId) ?? null;
  return (
    <div className={`workspace${selected ? ' with-detail' : ''}`}>
      <nav className="sidebar" aria-label="計画の構成">
        <div className="sidebar-plan">
          <div className="sidebar-title">{plan.title}</div>
          <div className="muted">{formatFiscalYearRange(plan.firstFy, plan.lastFy)}</div>
        </div>
        <PlanTree plan={plan} selected={node} onSelect={(n) => void selectNode(n)} />
      </nav>
      <main className="content" aria-busy={itemsLoading}>
        <header className="content-header">
          <h1>{caption.title}</h1>
          <span className="count" role="status">
            {itemsLoading ? '読み込み中…' : `${items.length}項目`}
          </span>
        </header>
        {caption.lead ? <p className="lead">{caption.lead}</p> : null}
        <div className="table-scroll">
          <ItemTable
            plan={plan}
            items={items}
            caption={`${caption.title}の改革項目一覧`}
            selectedItemId={selectedItemId}
            onOpen={(id) => void selectItem(id)}
          />
        </div>
      </main>
      {selected ? (
        <ItemDetail
          key={`${selected.id}:${selected.updatedAt}`}
          plan={plan}
          item={selected}
          history={history}
          onClose={() => void selectItem(null)}
          onSave={(patch) => saveItem(selected.id, patch)}
        />
      ) : null}
    </div>
  );
}
