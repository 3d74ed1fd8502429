import { useState } from 'react';
import type { FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';

/** Asks for one name (new 重点項目 / 分野, rename). window.prompt does not exist in Electron. */
export function NameDialog({
  title,
  label,
  initial,
  onClose,
  onSubmit,
}: {
  title: string;
  label: string;
  initial: string;
  onClose(): void;
  onSubmit(name: string): Promise<boolean>;
}) {
  const [name, setName] = useState(initial);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    if (await onSubmit(name.trim())) onClose();
  };
  return (
    <Dialog title={title} open onClose={onClose}>
      <form onSubmit={submit} className="inline-form">
        <label>
          {label}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            required
            autoFocus
          />
        </label>
        <button type="submit" className="primary">
          決定
        </button>
      </form>
    </Dialog>
  );
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onClose,
  onConfirm,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  onClose(): void;
  onConfirm(): void;
}) {
  return (
    <Dialog
      title={title}
      open
      onClose={onClose}
      footer={
        <>
          <button type="button" className="danger" onClick={onConfirm} autoFocus>
            {confirmLabel}
          </button>
          <button type="button" onClick={onClose}>
            やめる
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
